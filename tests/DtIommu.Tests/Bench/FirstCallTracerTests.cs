using System.Diagnostics;

namespace DtIommu.Tests.Bench;

/// <summary>
/// The method-order tracer (compiler/DtIommu.Bench first-calls) sees a program enter its functions and lets it run
/// on as if untraced.
/// </summary>
public class FirstCallTracerTests
{
    private static (int ExitCode, string Stderr) Trace(string functions, string output, params string[] program)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DtIommu.Bench.dll"));
        foreach (var a in (string[])["first-calls", functions, output, "--", .. program]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    // The entry point of an ELF executable (e_entry), as the symbols of its file give it.
    private static ulong EntryPoint(string path)
    {
        var header = new byte[32];
        using (var file = File.OpenRead(path)) file.ReadExactly(header);
        return BitConverter.ToUInt64(header, 24);
    }

    [PtraceFact]
    public void A_program_is_seen_entering_its_entry_point_and_runs_to_its_end()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dtiommu-first-calls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var functions = Path.Combine(dir, "functions");
        var output = Path.Combine(dir, "entered");
        var echo = new FileInfo("/bin/echo").ResolveLinkTarget(true)?.FullName ?? "/bin/echo";
        File.WriteAllText(functions, $"{EntryPoint(echo):x16} _start\n");

        var (exitCode, printed) = Trace(functions, output, "/bin/echo", "still", "runs");

        exitCode.ShouldBe(0, printed);
        printed.ShouldStartWith("still runs\n");
        File.ReadAllLines(output).ShouldBe(["_start"]);
    }
}

/// <summary>A fact that needs ptrace on Linux x86-64.</summary>
public sealed class PtraceFactAttribute : FactAttribute
{
    public PtraceFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            Skip = "the tracer is for Linux on x86-64";
        else if (File.Exists("/proc/sys/kernel/yama/ptrace_scope") && File.ReadAllText("/proc/sys/kernel/yama/ptrace_scope").Trim() == "3")
            Skip = "ptrace is disabled here (kernel.yama.ptrace_scope = 3)";
    }
}
