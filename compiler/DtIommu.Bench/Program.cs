using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using DtIommu.Simulation;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Bench;

/// <summary>
/// Throughput of 4 KiB map/access/unmap per simulator: the median of several timed runs after a warm-up; with
/// <c>first-calls</c>, the functions a native run enters (see <see cref="FirstCallTracer"/>).
/// </summary>
public static class Program
{
    private const int Pages = 4096;

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "first-calls") return FirstCallTracer.Run(args[1..]);
        int runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
        long ops = args.Length > 1 && long.TryParse(args[1], out var o) ? o : 5_000_000;
        Console.WriteLine($"DtIommu simulator benchmark: {ops:N0} operations per run, median of {runs} runs");
        Console.WriteLine($"{"simulator",-34} {"operation",-22} {"ops/s",14} {"bytes/op",9}");

        Report("vtd (strict, CM=0)", "map+unmap pair", runs, ops, Vtd(new VtdConfig(StrictUnmap: true)), MapUnmap);
        Report("vtd (deferred, CM=0)", "map+unmap pair", runs, ops, Vtd(new VtdConfig(StrictUnmap: false)), MapUnmap);
        Report("vtd (CM=1)", "map+unmap pair", runs, ops, Vtd(new VtdConfig(CachingMode: true)), MapUnmap);
        Report("vtd (strict, CM=0)", "map+access+unmap", runs, ops, Vtd(new VtdConfig(StrictUnmap: true)), MapAccessUnmap);
        Report("smmu-v2", "map+access+unmap", runs, ops, SmmuV2(), MapAccessUnmap);
        Report("smmu-v3", "map+access+unmap", runs, ops, SmmuV3(), MapAccessUnmap);
        Report("single-master", "map+access+unmap", runs, ops, Single(), MapAccessUnmap);
        Report("tce (H_PUT_TCE)", "map+access+unmap", runs, ops, Tce(), MapAccessUnmap);
        ReplayBenchmark.Run(runs, args.Length > 2 && long.TryParse(args[2], out var steps) ? steps : 3_000_000);
        return 0;
    }

    private readonly record struct Target(IIommuSimulator Sim, uint Domain, uint Source, ulong IovaBase);

    private static Target Vtd(VtdConfig config)
    {
        var sim = new VtdSimulator("dmar0", config);
        var m = SimMaster.Single("nic", 0x0010);
        Check(sim.AddMaster(m, out _));
        Check(sim.Attach(m, 5));
        return new Target(sim, 5, 0x0010, 0x1000_0000);
    }

    private static Target SmmuV2()
    {
        var sim = new SmmuV2Simulator("smmu0", new SmmuV2Config());
        var m = SimMaster.Single("gpu", 0x10);
        Check(sim.AddMaster(m, out _));
        Check(sim.Attach(m, 1));
        return new Target(sim, 1, 0x10, 0x1000_0000);
    }

    private static Target SmmuV3()
    {
        var sim = new SmmuV3Simulator("smmu1", new SmmuV3Config());
        var m = SimMaster.Single("dpu", 0x20);
        Check(sim.AddMaster(m, out _));
        Check(sim.Attach(m, 4));
        return new Target(sim, 4, 0x20, 0x1000_0000);
    }

    private static Target Single()
    {
        var sim = new SingleMasterSimulator("rk", new SingleMasterConfig());
        var m = new SimMaster("vop", [], 0x10000);
        Check(sim.AddMaster(m, out _));
        Check(sim.Attach(m, 0));
        return new Target(sim, 0, 0x10000, 0x1000_0000);
    }

    private static Target Tce()
    {
        var sim = new TceSimulator("hv");
        Check(sim.AddWindow(new TceWindowConfig(0x8000_0000, 0, 0x4000_0000)));
        var m = new SimMaster("eth0", [0x08], 0x08, 0, 0x8000_0000);
        Check(sim.AddMaster(m, out _));
        return new Target(sim, 0x8000_0000, 0x08, 0x1000_0000);
    }

    private static void Check(SimStatus s)
    {
        if (s != SimStatus.Ok) throw new InvalidOperationException(s.ToString());
    }

    private static long MapUnmap(Target t, long ops)
    {
        var sim = t.Sim;
        long failures = 0;
        for (long i = 0; i < ops; i++)
        {
            ulong iova = t.IovaBase + ((ulong)(i & (Pages - 1)) << 12);
            failures += sim.Map(t.Domain, iova, 0x8000_0000 + iova, 0x1000, DmaPermission.ReadWrite) == SimStatus.Ok ? 0 : 1;
            failures += sim.Unmap(t.Domain, iova, 0x1000) == SimStatus.Ok ? 0 : 1;
        }
        return failures;
    }

    private static long MapAccessUnmap(Target t, long ops)
    {
        var sim = t.Sim;
        long failures = 0;
        for (long i = 0; i < ops; i++)
        {
            ulong iova = t.IovaBase + ((ulong)(i & (Pages - 1)) << 12);
            failures += sim.Map(t.Domain, iova, 0x8000_0000 + iova, 0x1000, DmaPermission.ReadWrite) == SimStatus.Ok ? 0 : 1;
            failures += sim.Access(t.Source, iova + 0x80, DmaDirection.Write).Allowed ? 0 : 1;
            failures += sim.Unmap(t.Domain, iova, 0x1000) == SimStatus.Ok ? 0 : 1;
        }
        return failures;
    }

    private static void Report(string name, string op, int runs, long ops, Target target, Func<Target, long, long> body)
    {
        if (body(target, Math.Min(ops, 200_000)) != 0) throw new InvalidOperationException($"{name}: operations failed during warm-up");
        var rates = new List<double>();
        long bytes = 0;
        for (int run = 0; run < runs; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            long failures = body(target, ops);
            sw.Stop();
            bytes = Math.Max(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
            if (failures != 0) throw new InvalidOperationException($"{name}: {failures} operations failed");
            rates.Add(ops / sw.Elapsed.TotalSeconds);
        }
        rates.Sort();
        double median = rates[rates.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {op,-22} {median,14:N0} {(double)bytes / ops,9:0.###}"));
    }
}
