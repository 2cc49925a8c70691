using DtIommu.Compilation;

namespace DtIommu.Cli;

/// <summary>
/// <c>--batch FILE</c>: many dtc runs in one process. Each non-blank line of FILE (<c>-</c> for standard input) holds
/// one dtc command line, words split as a shell would (quotes, backslashes; <c>#</c> starts a comment line). Each
/// run prints exactly what dtc would; a failing run adds <c>FILE:LINE: exit status N</c>; the exit status is the
/// highest of all runs.
/// </summary>
internal static class BatchRunner
{
    public static int Run(string batchFile)
    {
        string[] lines;
        try
        {
            lines = batchFile == "-" ? Console.In.ReadToEnd().Split('\n') : File.ReadAllLines(DtIommu.Sources.Latin1.ToText(batchFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open batch file {batchFile}: {e.Message}");
            return 1;
        }
        var worst = 0;
        var failed = 0;
        var runs = 0;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            runs++;
            int status;
            if (!ShellWords.TrySplit(line, out var words, out var error))
            {
                Console.Error.WriteLine($"{batchFile}:{n + 1}: {error}");
                status = 1;
            }
            else
            {
                var request = DtcCommand.Parse(words);
                status = request.BatchFile != null ? Nested(batchFile, n) : CompileRunner.Run(request);
            }
            if (status == 0) continue;
            Console.Error.WriteLine($"{batchFile}:{n + 1}: exit status {status}");
            failed++;
            worst = Math.Max(worst, status);
        }
        if (failed > 0) Console.Error.WriteLine($"{batchFile}: {failed} of {runs} runs failed");
        return worst;
    }

    private static int Nested(string batchFile, int n)
    {
        Console.Error.WriteLine($"{batchFile}:{n + 1}: --batch cannot be nested");
        return 1;
    }
}
