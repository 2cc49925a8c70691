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
        var files = FilesOf(request);
        if (request.PreprocessOnly) return PreprocessOnly(options, files);
        HeapPrefault.Install();
        return Run(options, files, Console.Error);
    }

    /// <summary>Compiles with <paramref name="files"/>, printing dtc's messages on <paramref name="stderr"/>.</summary>
    public static int Run(DtcOptions options, IFileSource files, TextWriter stderr) =>
        Report(options, files, DtcCompiler.Compile(options, files, ReadStdin), stderr);

    /// <summary>The files a plain compile of <paramref name="request"/> reads from, or null when it is no plain compile.</summary>
    internal static IFileSource? PlainCompileFiles(DtcRequest request)
    {
        if (request.ExitCode != null || request.BatchFile != null || request.PreprocessOnly || request.Options!.Input == "-") return null;
        return FilesOf(request);
    }

    // The disk, with cpp's -include files in front of the input when --cpp was given some.
    private static IFileSource FilesOf(DtcRequest request) => request.ForcedIncludes.Count > 0
        ? new ForcedIncludeFileSource(DiskFileSource.Instance, request.Options!.Input, request.ForcedIncludes)
        : DiskFileSource.Instance;

    /// <summary>Prints a finished compilation's messages and writes its files, as <see cref="Run(DtcOptions, IFileSource, TextWriter)"/> does.</summary>
    internal static int Report(DtcOptions options, IFileSource files, CompileResult result, TextWriter stderr)
    {
        // dtc opens the dependency file before it reads anything, so failing to is the only message.
        var depfile = options.DependencyFile == "-" ? "./-" : options.DependencyFile;
        if (depfile != null && AtomicFile.WhyNotWritable(depfile) is { } depError)
        {
            stderr.WriteLine($"FATAL ERROR: Couldn't open dependency file {options.DependencyFile}: {depError}");
            return 1;
        }
        var outputName = options.Output == "-" ? "<stdout>" : options.Output;
        var err = new StringBuilder();
        foreach (var d in result.Diagnostics)
            if (DtcStylePrinter.Format(d, outputName, options.Quiet) is { } text) err.Append(text);
        foreach (var d in result.Diagnostics)
            if (DtIommu.Syntax.SyntaxHints.For(d, files, options.Preprocess) is { } hint) err.Append(hint).Append('\n');
        stderr.Write(err.ToString());

        // dtc writes the dependency file as soon as parsing ends, even if checks fail later.
        if (depfile != null && result.Dependencies != null
            && Write(depfile, Latin1.GetBytes(result.Dependencies), stderr, $"Couldn't open dependency file {options.DependencyFile}") != 0)
            return 1;
        if (result.ExitCode != 0 || result.Output == null) return result.ExitCode;
        if (!CanOpenOutput(options.Output, stderr)) return 1;
        // dtc's blob writer words a failed write so (its text writers do not check; a full disk is still an error here).
        var blob = result.Output.Length >= 4 && result.Output[0] == 0xd0 && result.Output[1] == 0x0d && result.Output[2] == 0xfe && result.Output[3] == 0xed;
        return Write(options.Output, result.Output, stderr, blob ? "Error writing device tree blob" : $"Error writing output file {options.Output}");
    }

    /// <summary>Whether dtc's <c>fopen</c> of the output would succeed; if not, prints its message.</summary>
    private static bool CanOpenOutput(string output, TextWriter stderr)
    {
        if (AtomicFile.WhyNotWritable(output) is not { } error) return true;
        stderr.WriteLine($"FATAL ERROR: Couldn't open output file {output}: {error}");
        return false;
    }

    /// <summary>Writes a file, printing <c>FATAL ERROR: what: reason</c> and returning 1 when that fails.</summary>
    private static int Write(string path, byte[] bytes, TextWriter stderr, string what)
    {
        try
        {
            AtomicFile.Write(path, bytes);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"FATAL ERROR: {what}: {Reason(e)}");
            return 1;
        }
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
                var reason = files is IExplainedFileSource explained ? explained.Explain(options.Input).Reason : "No such file or directory";
                Console.Error.WriteLine($"FATAL ERROR: Couldn't open \"{options.Input}\": {reason}");
                return 1;
            }
            result = preprocessor.Run(options.Input);
        }
        foreach (var d in result.Diagnostics)
            Console.Error.Write(DtcStylePrinter.Format(d, options.Output, options.Quiet));
        if (!result.Success) return 1;
        if (!CanOpenOutput(options.Output, Console.Error)) return 1;
        return Write(options.Output, Latin1.GetBytes(result.Text), Console.Error, $"Error writing output file {options.Output}");
    }

    /// <summary>strerror's text for a failed write: .NET keeps the errno of a plain I/O error in HResult on Unix.</summary>
    private static string Reason(Exception e) => e switch
    {
        DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        IOException { HResult: > 0 and < 4096 } io when PosixOpen.IsAvailable => PosixOpen.StrError(io.HResult),
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
