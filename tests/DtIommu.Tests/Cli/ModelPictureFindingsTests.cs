namespace DtIommu.Tests.Cli;

/// <summary>The HTML page of <c>dtiommu model</c> shows what lint says of the board, not the model's raw observations.</summary>
public class ModelPictureFindingsTests
{
    [Fact]
    public void The_page_lists_lint_findings_with_their_severity()
    {
        var root = DtIommu.Tests.Compiler.DifferentialTests.RepoRoot();
        var r = CliProcess.Run(root, null, "model", "-f", "html", "examples/boards/rules/DTI1201-shared-stream-id.dts");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("<b>error shared-stream-id</b>");
        // iommu-parent-without-dma-ranges is off by default in lint, so the page does not show it.
        r.Stdout.ShouldNotContain("iommu-parent-without-dma-ranges");
    }
}
