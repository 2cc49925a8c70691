using System.Text;
using DtIommu.Compilation;
using DtIommu.Preprocessing;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>Runs one dtc-style compilation: messages to standard error, output and dependency files on success.</summary>
internal static class CompileRunner
{
    /// <summary>Answers or runs one parsed command line and returns its exit status.</summary>
    public static int Run(DtcRequest request)
    {
        if (request.ExitCode is { } code)
        {
            Console.Out.Write(request.Stdout);
            Console.Error.Write(request.Stderr);
            return code;
        }
        if (request.BatchFile != null) return BatchRunner.Run(request.BatchFile);
        var options = request.Options!;
        IFileSource files = request.ForcedIncludes.Count > 0
            ? new ForcedIncludeFileSource(DiskFileSource.Instance, options.Input, request.ForcedIncludes)
            : DiskFileSource.Instance;
        if (request.PreprocessOnly) return PreprocessOnly(options, files);
        return Run(options, files, Console.Error);
    }

    /// <summary>Compiles with <paramref name="files"/>, printing dtc's messages on <paramref name="stderr"/>.</summary>
    public static int Run(DtcOptions options, IFileSource files, TextWriter stderr) =>
        Report(options, files, DtcCompiler.Compile(options, files, ReadStdin), stderr);

    /// <summary>The files a plain compile of <paramref name="request"/> reads from, or null when it is no plain compile.</summary>
    internal static IFileSource? PlainCompileFiles(DtcRequest request)
    {
        if (request.ExitCode != null || request.BatchFile != null || request.PreprocessOnly || request.Options!.Input == "-") return null;
        return request.ForcedIncludes.Count > 0
            ? new ForcedIncludeFileSource(DiskFileSource.Instance, request.Options.Input, request.ForcedIncludes)
            : DiskFileSource.Instance;
    }

    /// <summary>Prints a finished compilation's messages and writes its files, as <see cref="Run(DtcOptions, IFileSource, TextWriter)"/> does.</summary>
    internal static int Report(DtcOptions options, IFileSource files, CompileResult result, TextWriter stderr)
    {
        var outputName = options.Output == "-" ? "<stdout>" : options.Output;
        var err = new StringBuilder();
        foreach (var d in result.Diagnostics)
            if (DtcStylePrinter.Format(d, outputName, options.Quiet) is { } text) err.Append(text);
        foreach (var d in result.Diagnostics)
            if (DtIommu.Syntax.SyntaxHints.For(d, files, options.Preprocess) is { } hint) err.Append(hint).Append('\n');
        stderr.Write(err.ToString());

        try
        {
            // dtc writes the dependency file as soon as parsing ends, even if checks fail later.
            if (options.DependencyFile != null && result.Dependencies != null)
                AtomicFile.Write(options.DependencyFile, Latin1.GetBytes(result.Dependencies));
            if (result.ExitCode == 0 && result.Output != null)
                AtomicFile.Write(options.Output, result.Output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"FATAL ERROR: Couldn't open output file {options.Output}: {Reason(e)}");
            return 1;
        }
        return result.ExitCode;
    }

    /// <summary>cpp's <c>-E</c>: the preprocessed text (with line markers) to the output file.</summary>
    private static int PreprocessOnly(DtcOptions options, IFileSource files)
    {
        var pp = new PreprocessorOptions { ReadFile = p => files.TryRead(p) is { } b ? Latin1.GetString(b) : null };
        foreach (var dir in options.IncludeDirectories) pp.IncludeDirs.Add(dir);
        foreach (var (argument, undefine) in options.Defines)
        {
            if (undefine) pp.Undefine(argument);
            else pp.Define(argument);
        }
        var preprocessor = new Preprocessor(pp);
        PreprocessorResult result;
        if (options.Input == "-")
        {
            result = preprocessor.Run("<stdin>", Latin1.GetString(ReadStdin()));
        }
        else
        {
            if (files.TryRead(options.Input) == null)
            {
                Console.Error.WriteLine($"FATAL ERROR: Couldn't open \"{options.Input}\": No such file or directory");
                return 1;
            }
            result = preprocessor.Run(options.Input);
        }
        foreach (var d in result.Diagnostics)
            Console.Error.Write(DtcStylePrinter.Format(d, options.Output, options.Quiet));
        if (!result.Success) return 1;
        try
        {
            AtomicFile.Write(options.Output, Latin1.GetBytes(result.Text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open output file {options.Output}: {Reason(e)}");
            return 1;
        }
        return 0;
    }

    private static string Reason(Exception e) => e switch
    {
        DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };

    private static byte[] ReadStdin()
    {
        using var stdin = Console.OpenStandardInput();
        using var ms = new MemoryStream();
        stdin.CopyTo(ms);
        return ms.ToArray();
    }
}
