using System.CommandLine;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Iommu.Output;
using DtIommu.Iommu.Resolve;
using DtIommu.Simulation.Probe;

namespace DtIommu.Cli;

/// <summary><c>dtiommu model BOARD</c>: prints the IOMMU model (instances, masters, IDs, windows, reachable RAM).</summary>
internal static class ModelCommand
{
    private static readonly Argument<string> Board = new("board") { Description = "Board file (DTS or DTB)" };
    private static readonly Option<string> Format = new("--format", "-f") { Description = "table (default) or json" };
    private static readonly Option<string> InFormat = new("--in-format", "-I") { Description = "Input format: dts or dtb (guessed when absent)" };
    private static readonly Option<string[]> Include = new("--include", "-i") { Description = "Add a path to search for include files" };
    private static readonly Option<bool> Cpp = new("--cpp") { Arity = ArgumentArity.Zero, Description = "Run the built-in C preprocessor on DTS input" };
    private static readonly Option<string[]> Bindings = new("--bindings") { Description = "Additional IOMMU binding directory or file" };
    private static readonly Option<bool> Probe = new("--probe") { Arity = ArgumentArity.Zero, Description = "Table format: also boot the simulated IOMMUs and print their groups and the reachability matrix" };
    private static readonly Option<bool> Passthrough = new("--passthrough") { Arity = ArgumentArity.Zero, Description = "With --probe: identity default domains (iommu.passthrough=1)" };

    public static Command Create()
    {
        var c = new Command("model", "Print which device can DMA where, through which IOMMU, with which IDs") { Board, Format, InFormat, Include, Cpp, Bindings, Probe, Passthrough };
        c.SetAction(p =>
        {
            var format = p.GetValue(Format) ?? "table";
            if (format != "table" && format != "json")
            {
                Console.Error.WriteLine($"dtiommu model: unknown format '{format}' (expected table or json)");
                return 1;
            }
            var board = p.GetValue(Board)!;
            var model = BoardLoader.LoadModel(board, p.GetValue(Bindings) ?? [],
                new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), [], []));
            if (model == null) return 1;
            if (format == "json" && p.GetValue(Probe))
            {
                Console.Error.WriteLine("dtiommu model: --probe prints a table; the JSON schema has no probe section yet");
                return 1;
            }
            if (format == "json") ModelJsonWriter.Write(model, Console.Out, board);
            else ModelTableWriter.Write(model, Console.Out);
            if (p.GetValue(Probe))
                ProbeTableWriter.Write(BootProbe.Run(model, new ProbeOptions(IdentityDefaultDomains: p.GetValue(Passthrough))), Console.Out);
            return 0;
        });
        return c;
    }
}
