using System.Text;
using DtIommu.Compilation;

namespace DtIommu.Cli;

/// <summary>Runs one dtc-style compilation: messages to standard error, output and dependency files on success.</summary>
internal static class CompileRunner
{
    public static int Run(DtcOptions options)
    {
        var result = DtcCompiler.Compile(options, DiskFileSource.Instance, ReadStdin);
        var outputName = options.Output == "-" ? "<stdout>" : options.Output;
        var err = new StringBuilder();
        foreach (var d in result.Diagnostics)
            if (DtcStylePrinter.Format(d, outputName, options.Quiet) is { } text) err.Append(text);
        Console.Error.Write(err.ToString());

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
            var reason = e switch
            {
                DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => e.Message,
            };
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open output file {options.Output}: {reason}");
            return 1;
        }
        return result.ExitCode;
    }

    private static byte[] ReadStdin()
    {
        using var stdin = Console.OpenStandardInput();
        using var ms = new MemoryStream();
        stdin.CopyTo(ms);
        return ms.ToArray();
    }
}
