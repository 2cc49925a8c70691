using System.Diagnostics;

namespace DtIommu.Fuzz;

/// <summary>One input with the files beside it and the dtc arguments to compile it with.</summary>
internal sealed record FuzzCase(string Category, string InputName, byte[] Input, IReadOnlyDictionary<string, byte[]> Extra, string[] Args);

/// <summary>What one compiler did with a case.</summary>
internal sealed record Outcome(int ExitCode, byte[]? Output, string Stderr, bool TimedOut)
{
    /// <summary>A crash or a hang rather than an answer: a signal, an exit code dtc never uses, or a .NET failure.</summary>
    public string? Failure =>
        TimedOut ? "hang" :
        ExitCode < 0 || ExitCode > 2 ? $"crash (exit {ExitCode})" :
        Stderr.Contains("Unhandled exception", StringComparison.Ordinal) || Stderr.Contains("Stack overflow", StringComparison.Ordinal) ||
        Stderr.Contains("\n   at ", StringComparison.Ordinal) ? "crash (.NET exception)" : null;
}

/// <summary>Runs a compiler on a case in a fresh directory (so both see the same relative names) with a time limit.</summary>
internal sealed class CaseRunner
{
    private readonly string _workRoot;
    private readonly TimeSpan _timeout;
    private int _serial;

    public CaseRunner(string workRoot, TimeSpan timeout)
    {
        _workRoot = workRoot;
        _timeout = timeout;
    }

    public Outcome Run(string compiler, FuzzCase c)
    {
        var dir = Path.Combine(_workRoot, "c" + Interlocked.Increment(ref _serial));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, c.InputName), c.Input);
            foreach (var (name, content) in c.Extra) File.WriteAllBytes(Path.Combine(dir, name), content);
            var psi = new ProcessStartInfo(compiler)
            {
                WorkingDirectory = dir,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
            };
            foreach (var a in c.Args) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add("out");
            psi.ArgumentList.Add(c.InputName);
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            var errText = ReadAllAsync(p.StandardError.BaseStream);
            var outDrain = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            if (!p.WaitForExit(_timeout))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return new Outcome(-1, null, "", true);
            }
            p.WaitForExit();
            var output = Path.Combine(dir, "out");
            var bytes = File.Exists(output) ? File.ReadAllBytes(output) : null;
            return new Outcome(p.ExitCode, bytes, errText.Result, false);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static async Task<string> ReadAllAsync(Stream s)
    {
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return System.Text.Encoding.Latin1.GetString(ms.ToArray());
    }
}
