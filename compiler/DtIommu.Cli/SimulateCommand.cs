using System.CommandLine;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Iommu.Resolve;
using DtIommu.Simulation;
using DtIommu.Simulation.Trace;

namespace DtIommu.Cli;

/// <summary>
/// <c>dtiommu simulate [BOARD] --trace FILE</c>: instantiates the board's simulated IOMMUs from its IOMMU model and
/// replays a DMA trace against them (masters and IOMMUs are named by node path); without a board the trace declares
/// its own IOMMUs and masters.
/// </summary>
internal static class SimulateCommand
{
    private static readonly Argument<string> Board = new("board") { Description = "Board file (DTS or DTB); omit it for a trace that declares its own IOMMUs", Arity = ArgumentArity.ZeroOrOne };
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
            var platform = new SimulatedPlatform();
            if (p.GetValue(Board) is string board)
            {
                var model = BoardLoader.LoadModel(board, p.GetValue(Bindings) ?? [],
                    new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), [], []));
                if (model == null) return 1;
                var built = PlatformFromModel.Build(model);
                platform = built.Platform;
                if (p.GetValue(ShowPlatform))
                    foreach (var note in built.Notes) Console.Out.WriteLine("# " + note);
            }

            var traceDiagnostics = new DiagnosticBag();
            var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            using (var input = new StreamReader(tracePath, System.Text.Encoding.UTF8, true, 1 << 16))
                TraceRunner.RunStream(input, tracePath, traceDiagnostics, platform, output);
            output.Flush();
            return traceDiagnostics.HasErrors ? 1 : 0;
        });
        return c;
    }
}
