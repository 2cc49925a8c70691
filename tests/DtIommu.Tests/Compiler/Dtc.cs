using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

/// <summary>Runs in-memory compilations for tests.</summary>
internal static class Dtc
{
    public static CompileResult Compile(string source, DtcOptions? options = null, MemoryFileSource? files = null)
    {
        files ??= new MemoryFileSource();
        files.Add("t.dts", source);
        var o = (options ?? new DtcOptions()) with { Input = "t.dts" };
        return DtcCompiler.Compile(o, files);
    }

    public static string ToDts(string source, DtcOptions? options = null, MemoryFileSource? files = null)
    {
        var r = Compile(source, (options ?? new DtcOptions()) with { OutputFormat = "dts" }, files);
        r.ExitCode.ShouldBe(0, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        return Latin1.GetString(r.Output!);
    }

    public static byte[] ToDtb(string source, DtcOptions? options = null, MemoryFileSource? files = null)
    {
        var r = Compile(source, (options ?? new DtcOptions()) with { OutputFormat = "dtb" }, files);
        r.ExitCode.ShouldBe(0, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        return r.Output!;
    }

    public static IEnumerable<Diagnostic> Errors(CompileResult r) => r.Diagnostics.Where(d => d.IsError);

    /// <summary>The DTS body without the "/dts-v1/;" header, for compact expectations.</summary>
    public static string Body(string dts) => dts.Substring(dts.IndexOf("/ {", StringComparison.Ordinal));
}
