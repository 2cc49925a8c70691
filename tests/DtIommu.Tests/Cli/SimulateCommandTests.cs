using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Cli;

public class SimulateCommandTests
{
    [Fact]
    public void Board_trace_replays_against_the_simulators_built_from_the_model()
    {
        var root = DifferentialTests.RepoRoot();
        var r = CliProcess.Run(root, null, "simulate", "examples/boards/arm-virt-smmuv3.dts",
            "--trace", "examples/traces/boards/arm-virt-smmuv3.trace", "--show-platform");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldBe(File.ReadAllText(Path.Combine(root, "examples/traces/boards/arm-virt-smmuv3.expected")));
        r.Stdout.ShouldContain("8: access /dma@a000000 read 0x10010 -> allowed: phys 0x40100010 (domain 65535, cached) [STALE]");
    }

    [Fact]
    public void Unknown_master_in_a_trace_is_a_located_error()
    {
        var root = DifferentialTests.RepoRoot();
        var dir = CliProcess.TempDir();
        var trace = Path.Combine(dir, "bad.trace");
        File.WriteAllText(trace, "map /nope 0x1000 0x2000 0x1000 rw\n");
        var r = CliProcess.Run(root, null, "simulate", "examples/boards/arm-virt-smmuv3.dts", "--trace", trace);
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldContain(trace + ":1:5: error:");
    }

    [Fact]
    public void Missing_trace_file_is_reported()
    {
        var root = DifferentialTests.RepoRoot();
        var r = CliProcess.Run(root, null, "simulate", "examples/boards/arm-virt-smmuv3.dts", "--trace", "nope.trace");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("nope.trace: error: trace file not found\n");
    }
}
