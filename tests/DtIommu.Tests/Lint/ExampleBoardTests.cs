using System.Text;
using DtIommu.Compilation;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Diagnostics;
using DtIommu.Lint;
using DtIommu.Sources;
using DtIommu.Tests.Iommu;

namespace DtIommu.Tests.Lint;

/// <summary>
/// Every board under examples/boards has its findings recorded beside it (<c>.expected</c>, what
/// <c>dtiommu lint -f dtc BOARD</c> prints from the repository root); clean boards record nothing.
/// </summary>
public class ExampleBoardTests
{
    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryFiles.Root, "examples", "boards");
        foreach (var f in Directory.GetFiles(root, "*.dts", SearchOption.AllDirectories).OrderBy(x => x, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Board_findings_match_the_recorded_ones(string board)
    {
        RepositoryFiles.Check(Path.ChangeExtension(board, ".expected"), LintAsCli(board));
    }

    [Fact]
    public void Each_rule_has_a_board_that_triggers_it_and_clean_boards_stay_clean()
    {
        foreach (var r in LintRuleTable.All)
        {
            var board = RuleExamples.BadBoard(r);
            var settings = new LintSettings();
            settings.TryApply(r.Name, isError: false);
            Lint(board, settings).ShouldContain(d => d.Descriptor.Code == r.Code, board);
        }
        foreach (var clean in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "examples", "boards", "clean"), "*.dts"))
        {
            var rel = Path.GetRelativePath(RepositoryFiles.Root, clean).Replace('\\', '/');
            // Clean: nothing to act on. Notes (facts of the design, such as a shared IOMMU domain) may remain.
            Lint(rel, new LintSettings()).Where(d => d.Severity >= Severity.Warning).ShouldBeEmpty(rel);
        }
    }

    /// <summary>The dtc-format report for one board, as the CLI prints it.</summary>
    internal static string LintAsCli(string board)
    {
        var sb = new StringBuilder();
        foreach (var d in Lint(board, new LintSettings())) sb.Append(DtcFormatter.Format(d, board));
        return sb.ToString();
    }

    internal static List<Diagnostic> Lint(string board, LintSettings settings)
    {
        var text = File.ReadAllBytes(Path.Combine(RepositoryFiles.Root, board));
        var files = new MemoryFileSource().Add(board, text);
        var result = DtcCompiler.Compile(new DtcOptions { Input = board, OutputFormat = "dtb", Force = true }, files);
        var all = result.Diagnostics.Where(d => d.Descriptor != CompilerDiagnostics.OutputForced && d.Descriptor != CompilerDiagnostics.TreeHasErrors).ToList();
        if (result.Tree != null) all.AddRange(LintRunner.Run(result.Tree, IommuTestSupport.Shipped, settings).Findings);
        return all;
    }
}
