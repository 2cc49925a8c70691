using System.CommandLine;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Iommu.Resolve;
using DtIommu.Simulation;
using DtIommu.Simulation.Trace;

namespace DtIommu.Cli;

/// <summary>
/// <c>dtiommu simulate BOARD --trace FILE</c>: instantiates the board's simulated IOMMUs from its IOMMU model and
/// replays a DMA trace against them (masters and IOMMUs are named by node path).
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Largest trace read (64 MB): the replay holds the whole trace in memory.</summary>
    private const int MaxTraceBytes = 64 << 20;

    private static readonly Argument<string> Board = new("board") { Description = "Board file (DTS or DTB)" };
    private static readonly Option<string> Trace = new("--trace", "-t") { Description = "DMA trace to replay (see examples/traces/README.md)", Required = true };
    private static readonly Option<string> InFormat = new("--in-format", "-I") { Description = "Input format: dts or dtb (guessed when absent)" };
    private static readonly Option<string[]> Include = new("--include", "-i") { Description = "Add a path to search for include files" };
    private static readonly Option<bool> Cpp = new("--cpp") { Arity = ArgumentArity.Zero, Description = "Run the built-in C preprocessor on DTS input" };
    private static readonly Option<string[]> Bindings = new("--bindings") { Description = "Additional IOMMU binding directory or file" };
    private static readonly Option<bool> ShowPlatform = new("--show-platform") { Arity = ArgumentArity.Zero, Description = "Print how each IOMMU and master was instantiated first" };

    public static Command Create()
    {
        var c = new Command("simulate", "Replay a DMA trace against the simulated IOMMUs of a board") { Board, Trace, InFormat, Include, Cpp, Bindings, ShowPlatform };
        c.SetAction(p =>
        {
            var tracePath = p.GetValue(Trace)!;
            if (!File.Exists(tracePath))
            {
                Console.Error.WriteLine($"{tracePath}: error: trace file not found");
                return 1;
            }
            var model = BoardLoader.LoadModel(p.GetValue(Board)!, p.GetValue(Bindings) ?? [],
                new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), [], []));
            if (model == null) return 1;
            var built = PlatformFromModel.Build(model);
            if (p.GetValue(ShowPlatform))
                foreach (var note in built.Notes) Console.Out.WriteLine("# " + note);

            // Read with a bound: a device file such as /dev/zero never ends.
            var traceBytes = DiskFileSource.Instance.TryReadRange(tracePath, 0, MaxTraceBytes + 1);
            if (traceBytes == null || traceBytes.Length > MaxTraceBytes)
            {
                Console.Error.WriteLine(traceBytes == null
                    ? $"{tracePath}: error: cannot read the trace file"
                    : $"{tracePath}: error: trace file larger than {MaxTraceBytes >> 20} MB");
                return 1;
            }
            var traceDiagnostics = new DiagnosticBag();
            var report = TraceRunner.Run(System.Text.Encoding.UTF8.GetString(traceBytes), tracePath, traceDiagnostics, built.Platform);
            Console.Out.Write(report);
            return traceDiagnostics.HasErrors ? 1 : 0;
        });
        return c;
    }
}
