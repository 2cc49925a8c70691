using System.Diagnostics;

namespace DtIommu.Tests.Cli;

/// <summary>Runs the real <c>dtiommu</c> (the referenced CLI assembly) as a process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string workingDirectory, string? stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "dtiommu.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
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
