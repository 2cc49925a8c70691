using DtIommu.Compilation;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Diagnostics;
using DtIommu.Iommu.Bindings;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>Shared by the IOMMU subcommands: the binding catalog and one board compiled with dtc's checks.</summary>
internal static class BoardLoader
{
    /// <summary>The shipped bindings (embedded in the library) plus <paramref name="extraDirectories"/>.</summary>
    public static BindingCatalog LoadCatalog(IEnumerable<string> extraDirectories)
    {
        var catalog = BindingCatalog.LoadShipped();
        foreach (var d in extraDirectories)
        {
            if (Directory.Exists(d)) catalog.AddDirectory(d);
            else if (File.Exists(d)) catalog.AddFile(d);
            else catalog.Diagnostics.Report(BindingDiagnostics.Io, $"{d}: no such bindings directory or file");
        }
        return catalog;
    }

    /// <summary>Compiles <paramref name="board"/> (DTS, DTS through the preprocessor, or DTB), with the overlays applied, without producing output.</summary>
    public static CompileResult Compile(string board, BoardInputOptions o) =>
        DtIommu.Overlay.CombinedBoardCompiler.Compile(new DtcOptions
        {
            Input = board,
            InputFormat = o.InputFormat,
            OutputFormat = "dtb",
            Output = "-",
            Force = true,
            IncludeDirectories = o.IncludeDirectories,
            CheckOptions = o.CheckOptions,
            Preprocess = o.Preprocess,
            Defines = o.Defines,
        }, o.Overlays ?? [], DiskFileSource.Instance);

    /// <summary>True for messages about producing output, which mean nothing when only checking.</summary>
    /// <summary>
    /// Loads the bindings and builds the IOMMU model of a board for the model and simulate commands; prints what went
    /// wrong and returns null when the bindings or the board cannot be read.
    /// </summary>
    public static DtIommu.Iommu.Model.IommuModel? LoadModel(string board, IEnumerable<string> bindingDirectories, BoardInputOptions options,
        IReadOnlyList<DtIommu.Iommu.Model.AddressRange>? memory = null) =>
        LoadModel(board, bindingDirectories, options, out _, memory);

    /// <summary>As <see cref="LoadModel(string, IEnumerable{string}, BoardInputOptions, IReadOnlyList{DtIommu.Iommu.Model.AddressRange})"/>, also giving the compiled tree.</summary>
    public static DtIommu.Iommu.Model.IommuModel? LoadModel(string board, IEnumerable<string> bindingDirectories, BoardInputOptions options,
        out DeviceTree? tree, IReadOnlyList<DtIommu.Iommu.Model.AddressRange>? memory = null)
    {
        tree = null;
        var catalog = LoadCatalog(bindingDirectories);
        if (catalog.Diagnostics.HasErrors)
        {
            foreach (var d in catalog.Diagnostics.Items) Console.Error.Write(DtcFormatter.Format(d, "bindings"));
            return null;
        }
        var result = Compile(board, options);
        if (result.Tree == null)
        {
            foreach (var d in result.Diagnostics) Console.Error.Write(DtcFormatter.Format(d, board));
            return null;
        }
        tree = result.Tree;
        return DtIommu.Iommu.Resolve.IommuModelBuilder.Build(result.Tree, catalog, memory);
    }

    public static bool IsOutputMessage(Diagnostic d) =>
        d.Descriptor == CompilerDiagnostics.OutputForced || d.Descriptor == CompilerDiagnostics.TreeHasErrors ||
        d.Descriptor == CompilerDiagnostics.BlobLargerThanMinimum;
}

/// <summary>How boards are read: format, include path, preprocessor, and dtc check options.</summary>
internal sealed record BoardInputOptions(string? InputFormat, IReadOnlyList<string> IncludeDirectories, bool Preprocess,
    IReadOnlyList<(string Argument, bool Undefine)> Defines, IReadOnlyList<(bool IsError, string Argument)> CheckOptions,
    IReadOnlyList<string>? Overlays = null);
