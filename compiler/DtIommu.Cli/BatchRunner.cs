using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>
/// <c>--batch FILE</c>: many dtc runs in one process. Each non-blank line of FILE (<c>-</c> for standard input) holds
/// one dtc command line, words split as a shell would (quotes, backslashes; <c>#</c> starts a comment line). Each
/// run prints exactly what dtc would; a failing run adds <c>FILE:LINE: exit status N</c>; the exit status is the
/// highest of all runs. Lines are compiled concurrently (their output still comes in line order); a line whose
/// input is an earlier line's output or dependency file waits for that line, but one that <c>/include/</c>s or
/// <c>/incbin/</c>s a file an earlier line writes must be in a batch of its own.
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
        // Compilations run ahead on every core; their messages and files come out strictly in line order, as if
        // the lines ran one after another.
        var ahead = new Queue<BatchLine>();
        var window = Math.Max(1, Environment.ProcessorCount * 2);
        using var workers = new LargeStackWorkers(Environment.ProcessorCount);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            runs++;
            var run = Start(n, line, ahead, workers);
            ahead.Enqueue(run);
            while (ahead.Count >= window) Finish(batchFile, ahead.Dequeue(), ref worst, ref failed);
        }
        while (ahead.Count > 0) Finish(batchFile, ahead.Dequeue(), ref worst, ref failed);
        if (failed > 0) Console.Error.WriteLine($"{batchFile}: {failed} of {runs} runs failed");
        return worst;
    }

    /// <summary>One line of the batch: its request, and the compilation running ahead for it, if any.</summary>
    private sealed record BatchLine(int Line, DtcRequest? Request, string? Error, IFileSource? Files, Task<CompileResult>? Compile);

    private static BatchLine Start(int n, string line, Queue<BatchLine> ahead, LargeStackWorkers workers)
    {
        if (!ShellWords.TrySplit(line, out var words, out var error)) return new BatchLine(n, null, error, null, null);
        var request = DtcCommand.Parse(words);
        var files = CompileRunner.PlainCompileFiles(request);
        // A line that reads what an earlier, unfinished line writes waits for it (its turn comes in order anyway).
        if (files == null || Reads(request, ahead)) return new BatchLine(n, request, null, null, null);
        var options = request.Options!;
        // The tree is not reported: dropped at once, it is not carried through the collections of the runs ahead.
        return new BatchLine(n, request, null, files, workers.Run(() => DtcCompiler.Compile(options, files) with { Tree = null }));
    }

    private static bool Reads(DtcRequest request, Queue<BatchLine> ahead)
    {
        var input = Path.GetFullPath(request.Options!.Input);
        foreach (var run in ahead)
        {
            if (run.Request?.Options is not { } earlier) continue;
            if (earlier.Output != "-" && Path.GetFullPath(earlier.Output) == input) return true;
            if (earlier.DependencyFile != null && Path.GetFullPath(earlier.DependencyFile) == input) return true;
        }
        return false;
    }

    private static void Finish(string batchFile, BatchLine run, ref int worst, ref int failed)
    {
        int status;
        if (run.Request == null)
        {
            Console.Error.WriteLine($"{batchFile}:{run.Line + 1}: {run.Error}");
            status = 1;
        }
        else if (run.Compile != null)
        {
            status = CompileRunner.Report(run.Request.Options!, run.Files!, run.Compile.GetAwaiter().GetResult(), Console.Error);
        }
        else
        {
            status = run.Request.BatchFile != null ? Nested(batchFile, run.Line) : CompileRunner.Run(run.Request);
        }
        if (status == 0) return;
        Console.Error.WriteLine($"{batchFile}:{run.Line + 1}: exit status {status}");
        failed++;
        worst = Math.Max(worst, status);
    }

    private static int Nested(string batchFile, int n)
    {
        Console.Error.WriteLine($"{batchFile}:{n + 1}: --batch cannot be nested");
        return 1;
    }
}
