using System.CommandLine;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Iommu.Output;
using DtIommu.Iommu.Resolve;

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

    public static Command Create()
    {
        var c = new Command("model", "Print which device can DMA where, through which IOMMU, with which IDs") { Board, Format, InFormat, Include, Cpp, Bindings };
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
                new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), [], []), out var tree);
            if (model == null) return 1;
            if (format == "json") ModelJsonWriter.Write(model, Console.Out, board, tree);
            else ModelTableWriter.Write(model, Console.Out);
            return 0;
        });
        return c;
    }
}
