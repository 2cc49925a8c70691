using System.Diagnostics;

namespace DtIommu.Tests.Cli;

/// <summary>Runs the real <c>dtiommu</c> (the referenced CLI assembly) as a process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string workingDirectory, string? stdin, params string[] args) =>
        Run(workingDirectory, stdin, null, args);

    /// <summary>As <see cref="Run(string, string?, string[])"/>, with standard output and error read one char per byte, to assert raw bytes.</summary>
    public static Result RunBytes(string workingDirectory, params string[] args) =>
        Run(workingDirectory, null, System.Text.Encoding.Latin1, args);

    private static Result Run(string workingDirectory, string? stdin, System.Text.Encoding? encoding, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "dtiommu.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (encoding != null) psi.StandardOutputEncoding = psi.StandardErrorEncoding = encoding;
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, outTask.Result, errTask.Result);
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dtiommu-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
