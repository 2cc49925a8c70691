using DtIommu.Lint;

namespace DtIommu.Tests.Lint;

/// <summary>docs/rules is generated from the rule declarations and their example boards, and must be up to date.</summary>
public class GeneratedFilesTests
{
    [Fact]
    public void Rule_pages_match_the_declarations_and_boards()
    {
        var files = RuleDocsGenerator.Generate(RepositoryFiles.Root);
        files.Count.ShouldBe(1 + LintRuleTable.All.Count);
        foreach (var f in files) RepositoryFiles.Check(f.Key, f.Value);
    }

    [Fact]
    public void Every_rule_page_and_example_board_belongs_to_a_rule()
    {
        var expected = RuleDocsGenerator.Generate(RepositoryFiles.Root).Select(f => f.Key).ToHashSet();
        foreach (var r in LintRuleTable.All)
        {
            expected.Add(RuleExamples.BadBoard(r));
            expected.Add(RuleExamples.GoodBoard(r));
        }
        foreach (var folder in new[] { RuleDocsGenerator.DocsFolder, RuleExamples.Folder })
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, folder)).Where(f => f.EndsWith(".md") || f.EndsWith(".dts")))
                expected.ShouldContain(folder + "/" + Path.GetFileName(file));
    }
}
