using System.CommandLine;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Iommu.Output;
using DtIommu.Iommu.Resolve;
using DtIommu.Simulation.Probe;

namespace DtIommu.Cli;

/// <summary><c>dtiommu model BOARD</c>: prints the IOMMU model (instances, masters, IDs, windows, reachable RAM) as tables, JSON, a Graphviz graph or an HTML page.</summary>
internal static class ModelCommand
{
    private static readonly string[] Formats = ["table", "json", "dot", "html"];
    private static readonly Argument<string> Board = new("board") { Description = "Board file (DTS or DTB)" };
    private static readonly Option<string> Format = new("--format", "-f") { Description = "table (default), json, dot (Graphviz) or html (self-contained page with the topology drawn)" };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Write to this file instead of standard output" };
    private static readonly Option<string> InFormat = new("--in-format", "-I") { Description = "Input format: dts or dtb (guessed when absent)" };
    private static readonly Option<string[]> Include = new("--include", "-i") { Description = "Add a path to search for include files" };
    private static readonly Option<bool> Cpp = new("--cpp") { Arity = ArgumentArity.Zero, Description = "Run the built-in C preprocessor on DTS input" };
    private static readonly Option<string[]> Bindings = new("--bindings") { Description = "Additional IOMMU binding directory or file" };
    private static readonly Option<string[]> Overlay = new("--overlay") { Description = "Apply this overlay (.dtbo or .dtso) to the board first, as fdtoverlay would; repeatable, applied in order" };
    private static readonly Option<string> Memory = new("--memory") { Description = "RAM the bootloader fills in, START-END[,START-END...] (inclusive), used instead of the tree's /memory" };

    private static readonly Option<bool> Probe = new("--probe") { Arity = ArgumentArity.Zero, Description = "Also boot the simulated IOMMUs and print their groups and the reachability matrix (table and json)" };
    private static readonly Option<bool> Passthrough = new("--passthrough") { Arity = ArgumentArity.Zero, Description = "With --probe: identity default domains (iommu.passthrough=1)" };

    public static Command Create()
    {
        var c = new Command("model", "Print which device can DMA where, through which IOMMU, with which IDs")
        {
            Board, Format, Output, InFormat, Include, Cpp, CppDefineOptions.Define, CppDefineOptions.Undefine, Bindings, Overlay, Memory, Probe,
            Passthrough,
        };
        c.SetAction(p =>
        {
            var format = p.GetValue(Format) ?? "table";
            if (!Formats.Contains(format))
            {
                Console.Error.WriteLine($"dtiommu model: unknown format '{format}' (expected {string.Join(", ", Formats)})");
                return 1;
            }
            List<DtIommu.Iommu.Model.AddressRange>? memory = null;
            if (p.GetValue(Memory) is { } memoryText)
            {
                memory = MemoryRangeParser.Parse(memoryText, out var error);
                if (memory == null)
                {
                    Console.Error.WriteLine($"dtiommu model: --memory: {error}");
                    return 1;
                }
            }
            var board = p.GetValue(Board)!;
            var overlays = p.GetValue(Overlay) ?? [];
            var model = BoardLoader.LoadModel(board, p.GetValue(Bindings) ?? [],
                new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), CppDefineOptions.Ordered(p), [], overlays), out var tree, memory);
            if (model == null) return 1;
            var name = overlays.Length == 0 ? board : board + " + " + string.Join(" + ", overlays);
            var probe = p.GetValue(Probe) ? BootProbe.Run(model, new ProbeOptions(IdentityDefaultDomains: p.GetValue(Passthrough))) : null;
            var text = new StringWriter { NewLine = "\n" };
            switch (format)
            {
                case "json": ModelJsonWriter.Write(model, text, board, tree, probe); break;
                case "dot": DotWriter.Write(model, text, name, LintFindings(model, tree, p)); break;
                case "html": HtmlReportWriter.Write(model, text, name, LintFindings(model, tree, p)); break;
                default:
                    ModelTableWriter.Write(model, text);
                    if (probe != null) ProbeTableWriter.Write(probe, text);
                    break;
            }
            var output = p.GetValue(Output);
            if (output == null)
            {
                Console.Out.Write(text.ToString());
                return 0;
            }
            try
            {
                AtomicFile.Write(output, System.Text.Encoding.UTF8.GetBytes(DtIommu.Sources.Latin1.ToText(text.ToString())));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dtiommu model: cannot write {output}: {e.Message}");
                return 1;
            }
        });
        return c;
    }

    // The pictures show what `dtiommu lint` says of the board (default rules, notes included, disabled nodes left out).
    private static List<TopologyFinding>? LintFindings(DtIommu.Iommu.Model.IommuModel model, Model.DeviceTree? tree, ParseResult p) =>
        tree == null ? null : TopologyFinding.FromDiagnostics(
            DtIommu.Lint.LintRunner.Run(tree, model, BoardLoader.LoadCatalog(p.GetValue(Bindings) ?? []), new DtIommu.Lint.LintSettings()).Findings);
}
