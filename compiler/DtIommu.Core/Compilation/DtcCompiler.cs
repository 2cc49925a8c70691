using System.Collections.Generic;
using System.Text;
using System;
using DtIommu.Blob;
using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Preprocessing;
using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Writers;

namespace DtIommu.Compilation;

/// <summary>
/// One compilation as dtc's <c>main</c> runs it: read (DTS, DTB or directory), run the checks and fixups, add
/// aliases/symbols/overlay tables, sort, and produce the output bytes. Nothing is written to disk here: the caller
/// writes the output only on success, so a failed run never leaves a partial file.
/// </summary>
public static class DtcCompiler
{
    /// <summary>Compiles with files from <paramref name="files"/>; <paramref name="stdin"/> supplies <c>-</c>.</summary>
    public static CompileResult Compile(DtcOptions options, IFileSource files, Func<byte[]>? stdin = null)
    {
        // A source nests only as deep as dtc's parser allows; a blob or a directory has no such bound.
        var inputFormat = options.InputFormat ?? InputFormatGuesser.Guess(options.Input, files);
        return LargeStack.Run(() => CompileHere(options, files, stdin, inputFormat),
            inputFormat == "dts" ? LargeStack.BoundedDepthSize : LargeStack.Size);
    }

    private static CompileResult CompileHere(DtcOptions options, IFileSource files, Func<byte[]>? stdin, string inputFormat)
    {
        var diagnostics = new DiagnosticBag();
        var loader = new SourceLoader(files, options.IncludeDirectories);
        DeviceTree? tree = null;
        string? deps = null;
        try
        {
            return Run(options, files, stdin, inputFormat, diagnostics, loader, ref tree, ref deps);
        }
        catch (FatalCompilationException e)
        {
            diagnostics.Report(!e.Prefixed ? CompilerDiagnostics.ScannerInputFailed
                : e.EndsLine ? SyntaxDiagnostics.Fatal : CompilerDiagnostics.UnterminatedFatal, e.Message);
            return new CompileResult(e.ExitCode, null, deps, diagnostics.Items, tree, loader.Opened);
        }
    }

    private static CompileResult Run(DtcOptions options, IFileSource files, Func<byte[]>? stdin, string inputFormat,
        DiagnosticBag diagnostics, SourceLoader loader, ref DeviceTree? tree, ref string? deps)
    {
        if (options.MinimumSize != 0 && options.Padding != 0)
            throw new FatalCompilationException("Can't set both -p and -S");
        if (options.Alignment != 0 && (options.Alignment & (options.Alignment - 1)) != 0)
            throw new FatalCompilationException($"Invalid argument \"{options.Alignment}\" to -a option");

        // The check table is built on first use; with no -W/-E to check first, only after the source is read, so
        // that a one-process compile builds it in heap the parse has already readied (see ParseProgress.Starting).
        CheckSettings? settings = null;
        foreach (var (isError, argument) in options.CheckOptions)
            if (!(settings ??= new CheckSettings()).TryApply(argument, !isError, isError, out var message))
                throw new FatalCompilationException(message ?? $"Unrecognized check name \"{argument}\"");

        var outputFormat = options.OutputFormat ?? InputFormatGuesser.GuessByName(options.Output)
            ?? (inputFormat == "dts" ? "dtb" : "dts");
        if (options.Annotate > 0 && (inputFormat != "dts" || outputFormat != "dts"))
            throw new FatalCompilationException("--annotate requires -I dts -O dts");

        tree = inputFormat switch
        {
            "dts" => ReadSource(options, loader, stdin, diagnostics),
            "dtb" => ReadBlob(options, loader, stdin, diagnostics),
            "fs" => FsReader.Read(options.Input, w => diagnostics.Report(CompilerDiagnostics.TreeMessage, w)),
            _ => throw new FatalCompilationException($"Unknown input format \"{inputFormat}\""),
        };
        if (options.DependencyFile != null)
            deps = BuildDependencies(options.Output, loader.Opened);
        if (tree == null)
            return new CompileResult(1, null, deps, diagnostics.Items, null, loader.Opened);

        if (options.BootCpu != -1) tree.BootCpuId = unchecked((uint)options.BootCpu);

        var allocator = new PhandleAllocator(options.PhandleFormat);
        var context = new CheckContext(tree, allocator, options.Output, options.Symbols);
        var checkErrors = CheckRunner.Run(context, settings ?? new CheckSettings(), diagnostics);
        if (checkErrors)
        {
            if (!options.Force)
            {
                diagnostics.Report(CompilerDiagnostics.TreeHasErrors, CheckRunner.AbortMessage);
                return new CompileResult(CheckRunner.ErrorExitCode, null, deps, diagnostics.Items, tree, loader.Opened);
            }
            if (options.Quiet < 3)
                diagnostics.Report(CompilerDiagnostics.OutputForced, CheckRunner.ForcedMessage);
        }

        var quiet = options.Quiet >= 1;
        var messages = new List<TableMessage>();
        try
        {
            if (options.AutoAlias) messages.AddRange(LabelTreeGenerator.Generate(tree, "aliases", null));
            OverlayTablesImporter.ImportSymbolLabels(tree, messages, quiet);
            if (options.Symbols) messages.AddRange(LabelTreeGenerator.Generate(tree, "__symbols__", allocator));
            OverlayTablesImporter.ImportFixups(tree, messages, quiet);
            OverlayTablesImporter.ImportLocalFixups(tree, allocator, messages, quiet);
            if (tree.IsPlugin || options.LocalFixups) messages.AddRange(OverlayFixupsGenerator.Generate(tree));
        }
        finally
        {
            // dtc prints each as it goes, so those before a fatal error in a later table still come out.
            foreach (var m in messages)
                diagnostics.Report(m.EndsLine ? CompilerDiagnostics.TreeMessage : CompilerDiagnostics.UnterminatedTreeMessage, m.Text);
        }
        if (options.Sort) TreeSorter.Sort(tree);

        var output = Render(tree, outputFormat, inputFormat, options, diagnostics);
        return new CompileResult(0, output, deps, diagnostics.Items, tree, loader.Opened);
    }

    private static byte[] Render(DeviceTree tree, string format, string inputFormat, DtcOptions options, DiagnosticBag diagnostics)
    {
        switch (format)
        {
            case "dts":
                return Latin1.GetBytes(DtsWriter.Write(tree, options.Annotate, options.Input == "-" ? null : options.Input));
            case "dtb":
            {
                var (blob, warning) = DtbWriter.Write(tree, LayoutOf(options));
                if (warning != null && options.Quiet < 1)
                    diagnostics.Report(CompilerDiagnostics.BlobLargerThanMinimum, warning);
                return blob;
            }
            case "asm":
                return Latin1.GetBytes(AsmWriter.Write(tree, LayoutOf(options)));
            case "yaml":
                if (inputFormat != "dts")
                    throw new FatalCompilationException("YAML output format requires dts input format");
                return Latin1.GetBytes(YamlWriter.Write(tree));
            case "null":
                return [];
            default:
                throw new FatalCompilationException($"Unknown output format \"{format}\"");
        }
    }

    private static BlobLayoutOptions LayoutOf(DtcOptions o) => new()
    {
        Version = o.OutputVersion,
        ReserveSlots = o.ReserveSlots,
        MinimumSize = o.MinimumSize,
        Padding = o.Padding,
        Alignment = o.Alignment,
    };

    private static DeviceTree? ReadSource(DtcOptions options, SourceLoader loader, Func<byte[]>? stdin, DiagnosticBag diagnostics)
    {
        string name;
        byte[] bytes;
        if (options.Preprocess)
        {
            (name, bytes) = Preprocess(options, loader, stdin, diagnostics);
        }
        else if (options.Input == "-")
        {
            loader.RecordStdin();
            name = "<stdin>";
            bytes = stdin?.Invoke() ?? [];
        }
        else
        {
            var opened = loader.Open(options.Input, null)
                ?? throw new FatalCompilationException($"Couldn't open \"{options.Input}\": No such file or directory");
            (name, bytes) = opened;
        }
        var result = DtsFrontEnd.Parse(name, bytes, loader, diagnostics);
        if (result.Unparsable)
            throw new FatalCompilationException("Unable to parse input tree");
        if (result.HasErrors)
            throw new FatalCompilationException("Syntax error parsing input tree");
        return result.Tree;
    }

    /// <summary>
    /// Runs the built-in C preprocessor; its output keeps cpp's line markers, so every later position points into
    /// the original files. Headers it reads are recorded for the dependency file.
    /// </summary>
    private static (string Name, byte[] Bytes) Preprocess(DtcOptions options, SourceLoader loader, Func<byte[]>? stdin,
        DiagnosticBag diagnostics)
    {
        var pp = new PreprocessorOptions { ReadFile = p => loader.Files.TryRead(p) is { } b ? Latin1.GetString(b) : null };
        foreach (var dir in options.IncludeDirectories) pp.IncludeDirs.Add(dir);
        foreach (var (argument, undefine) in options.Defines)
        {
            if (undefine) pp.Undefine(argument);
            else pp.Define(argument);
        }
        var name = options.Input == "-" ? "<stdin>" : options.Input;
        PreprocessorResult result;
        if (options.Input == "-")
        {
            result = new Preprocessor(pp).Run(name, Latin1.GetString(stdin?.Invoke() ?? []));
        }
        else
        {
            if (loader.Files.TryRead(options.Input) == null)
                throw new FatalCompilationException($"Couldn't open \"{options.Input}\": No such file or directory");
            result = new Preprocessor(pp).Run(options.Input);
        }
        foreach (var d in result.Diagnostics) diagnostics.Add(d);
        foreach (var dep in result.Dependencies) loader.RecordOpened(dep);
        if (!result.Success) throw new FatalCompilationException("Preprocessing failed");
        return (name, Latin1.GetBytes(result.Text));
    }

    private static DeviceTree ReadBlob(DtcOptions options, SourceLoader loader, Func<byte[]>? stdin, DiagnosticBag diagnostics)
    {
        var warnings = new List<string>();
        DtbReader.ReadResult read;
        try
        {
            read = DtbReader.ReadWithWarnings(ReadInput(options.Input, loader, stdin), warnings);
        }
        finally
        {
            // dtc prints them while reading, so they come before a fatal error found later in the blob.
            foreach (var w in warnings) diagnostics.Report(CompilerDiagnostics.TreeMessage, w);
        }
        // dtc 1.8.1 takes a blob with overlay tables for an overlay: it decompiles with /plugin/; and checks as one.
        var root = read.Tree.Root;
        if (root.GetChild("__fixups__") != null || root.GetChild("__local_fixups__") != null) read.Tree.IsPlugin = true;
        return read.Tree;
    }

    private static byte[] ReadInput(string input, SourceLoader loader, Func<byte[]>? stdin)
    {
        if (input == "-") return stdin?.Invoke() ?? [];
        var opened = loader.OpenBlob(input)
            ?? throw new FatalCompilationException($"Couldn't open \"{input}\": No such file or directory");
        return opened.Bytes;
    }

    private static string BuildDependencies(string output, IReadOnlyList<string> opened)
    {
        var sb = new StringBuilder();
        sb.Append(output).Append(':');
        foreach (var f in opened)
        {
            sb.Append(' ');
            // dtc escapes blanks in dependency paths for make.
            foreach (var ch in f)
            {
                if (ch == ' ') sb.Append('\\');
                sb.Append(ch);
            }
        }
        sb.Append('\n');
        return sb.ToString();
    }
}
