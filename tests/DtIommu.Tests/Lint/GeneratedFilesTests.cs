using DtIommu.Lint;

namespace DtIommu.Tests.Lint;

/// <summary>docs/rules and examples/boards/rules are generated from the rule declarations and must be up to date.</summary>
public class GeneratedFilesTests
{
    [Fact]
    public void Rule_pages_and_example_boards_match_the_declarations()
    {
        var files = RuleDocsGenerator.Generate();
        files.Count.ShouldBe(1 + 2 * LintRuleTable.All.Count);
        foreach (var f in files) RepositoryFiles.Check(f.Key, f.Value);
    }

    [Fact]
    public void No_stale_generated_files_remain()
    {
        var expected = RuleDocsGenerator.Generate().Select(f => f.Key).ToHashSet();
        foreach (var folder in new[] { RuleDocsGenerator.DocsFolder, RuleDocsGenerator.BoardsFolder })
        {
            var dir = Path.Combine(RepositoryFiles.Root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir).Where(f => f.EndsWith(".md") || f.EndsWith(".dts")))
                expected.ShouldContain(folder + "/" + Path.GetFileName(file));
        }
    }
}
