using System.Diagnostics;
using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Overlay;

/// <summary>Compiling overlay fixtures in-process and running Debian's fdtoverlay for comparison.</summary>
internal static class OverlayTestSupport
{
    public static string Fixtures => Path.Combine(DifferentialTests.RepoRoot(), "tests", "DtIommu.Tests", "Overlay", "Fixtures");

    /// <summary>The fixture compiled to a blob by our compiler (with symbols, as Kbuild builds a base).</summary>
    public static byte[] Compile(string fixture, bool symbols = true)
    {
        var result = DtcCompiler.Compile(new DtcOptions { Input = Path.Combine(Fixtures, fixture), OutputFormat = "dtb", Symbols = symbols }, DiskFileSource.Instance);
        result.ExitCode.ShouldBe(0, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Output!;
    }

    public static string? Fdtoverlay => File.Exists("/usr/bin/fdtoverlay") ? "/usr/bin/fdtoverlay" : null;

    public sealed record Run(int ExitCode, byte[]? Output, string Stderr);

    /// <summary>Runs fdtoverlay in <paramref name="dir"/> on files there.</summary>
    public static Run RunFdtoverlay(string dir, string baseFile, IEnumerable<string> overlays)
    {
        var psi = new ProcessStartInfo(Fdtoverlay!) { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        var output = "ref-" + Guid.NewGuid().ToString("N") + ".dtb";
        foreach (var a in new[] { "-i", baseFile, "-o", output }.Concat(overlays)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var path = Path.Combine(dir, output);
        byte[]? bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
        if (bytes != null) File.Delete(path);
        return new Run(p.ExitCode, bytes, err.Result);
    }

    /// <summary>Our overlay run on the same files, shaped like fdtoverlay's.</summary>
    public static Run RunOurs(string dir, string baseFile, IReadOnlyList<string> overlays)
    {
        var result = DtIommu.Overlay.FdtOverlayRun.Apply(baseFile, overlays, f => File.ReadAllBytes(Path.Combine(dir, f)));
        return new Run(result.Blob == null ? 1 : 0, result.Blob, result.Error ?? "");
    }
}

/// <summary>A fact that needs Debian's fdtoverlay; skipped, with the reason, where it is not installed.</summary>
public sealed class FdtoverlayFactAttribute : FactAttribute
{
    public FdtoverlayFactAttribute()
    {
        if (OverlayTestSupport.Fdtoverlay == null) Skip = "fdtoverlay is not installed (apt-get install device-tree-compiler)";
    }
}
