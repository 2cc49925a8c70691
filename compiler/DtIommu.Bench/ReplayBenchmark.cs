using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Simulation;
using DtIommu.Simulation.Trace;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Bench;

/// <summary>
/// Trace replay end to end (read + parse + simulate + report written to a null stream) on a generated VT-d trace of
/// map/access/unmap steps, beside the same steps issued straight to the simulator.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>Writes the trace, times both ways (median of <paramref name="runs"/>), prints steps per second.</summary>
    public static void Run(int runs, long steps)
    {
        long iterations = steps / 3;
        string path = Path.Combine(Path.GetTempPath(), $"dtiommu-bench-{Environment.ProcessId}.trace");
        try
        {
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                w.Write("iommu dmar0 vtd\nmaster nic on dmar0 pci=00:02.0\n");
                for (long i = 0; i < iterations; i++)
                {
                    ulong iova = 0x1000_0000 + ((ulong)(i & 4095) << 12);
                    w.Write(string.Create(CultureInfo.InvariantCulture,
                        $"map nic 0x{iova:x} 0x{0x8000_0000 + iova:x} 4K rw\naccess nic write 0x{iova + 0x80:x}\nunmap nic 0x{iova:x} 4K\n"));
                }
            }
            long total = iterations * 3 + 2;
            long size = new FileInfo(path).Length;
            void EndToEnd()
            {
                var diagnostics = new DiagnosticBag();
                using var output = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16);
                using var input = new StreamReader(path, Encoding.UTF8, true, 1 << 16);
                TraceRunner.RunStream(input, path, diagnostics, null, output);
                if (diagnostics.HasErrors) throw new InvalidOperationException("the generated trace did not replay");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            EndToEnd();
            double bytesPerStep = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / total;
            var endToEnd = Median(runs, EndToEnd);
            var parseOnly = Median(runs, () =>
            {
                using var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 16);
                TraceParser.ParseStream(reader, path, new DiagnosticBag(), null);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse only {total / parseOnly,14:N0} steps/s"));
            var simulatorOnly = Median(runs, () =>
            {
                var sim = new VtdSimulator("dmar0", new VtdConfig());
                var m = SimMaster.Single("nic", 0x10);
                sim.AddMaster(m, out _);
                sim.Attach(m, 5);
                for (long i = 0; i < iterations; i++)
                {
                    ulong iova = 0x1000_0000 + ((ulong)(i & 4095) << 12);
                    sim.Map(5, iova, 0x8000_0000 + iova, 0x1000, DmaPermission.ReadWrite);
                    sim.Access(0x10, iova + 0x80, DmaDirection.Write);
                    sim.Unmap(5, iova, 0x1000);
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trace replay, {total:N0} steps ({size / (1 << 20)} MiB): end to end (read+parse+simulate+report) {total / endToEnd,14:N0} steps/s ({bytesPerStep:F0} bytes allocated per step); simulator only {total / simulatorOnly,14:N0} steps/s"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Median(int runs, Action body)
    {
        var seconds = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            seconds.Add(sw.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return seconds[seconds.Count / 2];
    }
}
