using DtIommu.Tests.Overlay;

namespace DtIommu.Tests.Cli;

/// <summary><c>dtiommu overlay</c>, and <c>model</c>/<c>lint</c> on a base plus overlays.</summary>
public class OverlayCommandTests
{
    private static string Fixture(string name) => Path.Combine(OverlayTestSupport.Fixtures, name);

    [Fact]
    public void Overlay_writes_the_combined_blob_and_reports_bad_overlays_like_fdtoverlay()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllBytes(Path.Combine(dir, "board.dtb"), OverlayTestSupport.Compile("board.dts"));
        File.WriteAllBytes(Path.Combine(dir, "add.dtbo"), OverlayTestSupport.Compile("add-dma-master.dtso"));
        File.WriteAllBytes(Path.Combine(dir, "bad.dtbo"), OverlayTestSupport.Compile("unknown-label.dtso"));
        var ok = CliProcess.Run(dir, null, "overlay", "-i", "board.dtb", "-o", "out.dtb", "add.dtbo");
        ok.ExitCode.ShouldBe(0, ok.Stderr);
        File.ReadAllBytes(Path.Combine(dir, "out.dtb")).ShouldBe(OverlayTestSupport.RunOurs(dir, "board.dtb", ["add.dtbo"]).Output);

        var bad = CliProcess.Run(dir, null, "overlay", "-i", "board.dtb", "-o", "bad-out.dtb", "add.dtbo", "bad.dtbo");
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldBe("\nFailed to apply 'bad.dtbo': FDT_ERR_NOTFOUND\n");
        File.Exists(Path.Combine(dir, "bad-out.dtb")).ShouldBeFalse();

        var missing = CliProcess.Run(dir, null, "overlay", "-i", "board.dtb", "-o", "x.dtb");
        missing.ExitCode.ShouldBe(1);
        missing.Stderr.ShouldBe("Error: missing overlay file(s)\n");
    }

    [Fact]
    public void Model_and_lint_check_the_combined_board()
    {
        var dir = CliProcess.TempDir();
        var plain = CliProcess.Run(dir, null, "model", Fixture("board.dts"));
        plain.ExitCode.ShouldBe(0, plain.Stderr);
        plain.Stdout.ShouldNotContain("/soc/dma-controller@9100000");

        var combined = CliProcess.Run(dir, null, "model", Fixture("board.dts"), "--overlay", Fixture("add-dma-master.dtso"), "--overlay", Fixture("by-path.dtso"));
        combined.ExitCode.ShouldBe(0, combined.Stderr);
        combined.Stdout.ShouldContain("    /soc/dma-controller@9100000     arm-smmu-v3 stream-id=0x42\n");
        combined.Stdout.ShouldContain("    /soc/serial@9000000 (disabled)  arm-smmu-v3 stream-id=0x7\n");

        var failed = CliProcess.Run(dir, null, "model", Fixture("board.dts"), "--overlay", Fixture("unknown-label.dtso"));
        failed.ExitCode.ShouldBe(1);
        failed.Stderr.ShouldContain("Failed to apply '" + Fixture("unknown-label.dtso") + "': FDT_ERR_NOTFOUND");

        var lint = CliProcess.Run(dir, null, "lint", "--notes", "--format", "json", Fixture("board.dts"), "--overlay", Fixture("add-dma-master.dtso"));
        lint.Stdout.ShouldContain("/soc/dma-controller@9100000");
    }

    [Fact]
    public void Model_writes_html_and_dot_and_takes_memory()
    {
        var dir = CliProcess.TempDir();
        var html = CliProcess.Run(dir, null, "model", "-f", "html", "-o", "board.html", Fixture("board.dts"), "--overlay", Fixture("add-dma-master.dtso"));
        html.ExitCode.ShouldBe(0, html.Stderr);
        var page = File.ReadAllText(Path.Combine(dir, "board.html"));
        page.ShouldContain("/soc/dma-controller@9100000");
        page.ShouldContain("<svg");
        var dot = CliProcess.Run(dir, null, "model", "-f", "dot", "--memory", "0x80000000-0x8fffffff", Fixture("board.dts"));
        dot.ExitCode.ShouldBe(0, dot.Stderr);
        dot.Stdout.ShouldContain("RAM 0x80000000-0x8fffffff");
        var bad = CliProcess.Run(dir, null, "model", "--memory", "0x10", Fixture("board.dts"));
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldBe("dtiommu model: --memory: bad memory range '0x10' (expected START-END, inclusive, e.g. 0x40000000-0xbfffffff)\n");
    }
}
