using System.Diagnostics;
using System.Reflection;
using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Tests.Checks;

[CollectionDefinition("Performance", DisableParallelization = true)]
public class PerformanceCollection { }

[Collection("Performance")]
public class PerformanceTests
{
    /// <summary>The shape of shared/bench/gen_synth.py: buses of 100 labelled devices with phandle and path references.</summary>
    internal static DeviceTree Synthetic(int nodes)
    {
        var idx = 0;
        return TestTree.Build(s =>
        {
            s.Str("compatible", "synthetic,bench").Cells("#address-cells", 1).Cells("#size-cells", 1);
            for (var g = 0; idx < nodes; g++)
            {
                s.Child("bus@" + (g * 0x100000).ToString("x"), b =>
                {
                    b.Label("bus" + g).Str("compatible", "simple-bus").Cells("#address-cells", 1).Cells("#size-cells", 1)
                     .Cells("ranges", 0, (uint)(g * 0x100000), 0x100000).Cells("reg", (uint)(g * 0x100000), 0x100000);
                    for (var k = 0; k < 100 && idx < nodes; k++, idx++)
                    {
                        var i = idx;
                        b.Child("dev@" + (k * 0x1000).ToString("x"), d =>
                        {
                            d.Label("n" + i).Str("compatible", "vendor,dev-" + (i % 50), "vendor,generic")
                             .Cells("reg", (uint)(k * 0x1000), 0x1000).Str("status", "okay")
                             .Bytes("vendor,data", (byte)i, (byte)(i >> 8), 0x55, 0xaa)
                             .Cells("vendor,prop-" + (i % 97), (uint)i);
                            if (i % 3 == 2) d.Cells("vendor,link", "&n" + (i / 2), (uint)i);
                            if (i % 7 == 6) d.PathRef("vendor,path", "n" + (i / 3));
                        });
                    }
                });
            }
        });
    }

    private static TimeSpan CpuTimeOfRun(DeviceTree tree, out bool error, out DiagnosticBag bag)
    {
        var context = new CheckContext(tree, new PhandleAllocator(PhandleFormat.Epapr), "out.dtb");
        bag = new DiagnosticBag();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        error = CheckRunner.Run(context, new CheckSettings(), bag);
        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    [Fact]
    public void Hundred_thousand_nodes_check_well_under_a_second()
    {
        // Warm up so the measured run uses optimised code, as a long-lived or AOT-compiled process would.
        for (var w = 0; w < 2; w++) CpuTimeOfRun(Synthetic(20_000), out _, out _);
        var tree = Synthetic(100_000);
        var cpu = CpuTimeOfRun(tree, out var error, out var bag);

        error.ShouldBeFalse();
        bag.Items.ShouldBeEmpty();
        tree.Root.Children[0].Children[2].GetProperty("vendor,link")!.Value.GetCell(0).ShouldNotBe(0xffffffffu);
        // CPU time rather than wall time, so that other processes on a shared machine do not count; a Debug build
        // of the library runs without JIT optimisations and gets more room.
        var optimised = typeof(CheckRunner).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        cpu.TotalMilliseconds.ShouldBeLessThan(optimised ? 1000 : 3000);
    }
}
