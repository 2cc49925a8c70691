using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Cli;

public class ModelProbeCommandTests
{
    [Fact]
    public void Model_with_probe_prints_the_groups_and_the_reachability_matrix()
    {
        var root = DifferentialTests.RepoRoot();
        var r = CliProcess.Run(root, null, "model", "examples/traces/probe/mixed-board.dts", "--probe");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("boot probe groups:\n  group 0 on /iommu@1000000 (dma domain 65535): /gpu@2000000\n  group 1 on /iommu@1000000 (dma domain 65534): /vpu@2100000\n");
        r.Stdout.ShouldContain("    reserved /reserved-memory/secure@fe000000: unreachable (not addressable through its dma-ranges)\n");
        r.Stdout.ShouldContain("    RAM 0x80000000-0xffffffff: 0x80000000 direct, 0xaaaaa000 direct, 0xbffff000 direct, 0xc0000000 bounced, 0xd5555000 bounced, 0xfffff000 bounced\n");
    }

    [Fact]
    public void Probe_in_json_has_the_groups_and_the_matrix()
    {
        var r = CliProcess.Run(DifferentialTests.RepoRoot(), null, "model", "examples/traces/probe/mixed-board.dts", "--probe", "-f", "json");
        r.ExitCode.ShouldBe(0, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var probe = doc.RootElement.GetProperty("probe");
        probe.GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);
        var cells = probe.GetProperty("reachability").EnumerateArray().ToList();
        cells.ShouldNotBeEmpty();
        cells.Select(c => c.GetProperty("reach").GetString()).ShouldAllBe(k => new[] { "through-iommu", "direct", "bounced", "unreachable", "faults", "not-simulated" }.Contains(k));
        var plain = CliProcess.Run(DifferentialTests.RepoRoot(), null, "model", "examples/traces/probe/mixed-board.dts", "-f", "json");
        using var none = System.Text.Json.JsonDocument.Parse(plain.Stdout);
        none.RootElement.GetProperty("probe").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
