using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Tests.Writers;

/// <summary>Runs the whole compiler on in-memory files, so writer tests see trees with dtc's fixups applied.</summary>
internal static class InMemoryCompile
{
    /// <summary>Compiles <paramref name="dts"/> (named <c>in.dts</c>) with <paramref name="options"/>; extra files by name.</summary>
    public static CompileResult Run(string dts, DtcOptions options, params (string Name, byte[] Bytes)[] extra)
    {
        var files = new MemoryFileSource().Add("in.dts", dts);
        foreach (var (name, bytes) in extra) files.Add(name, bytes);
        return DtcCompiler.Compile(options with { Input = "in.dts", InputFormat = options.InputFormat ?? "dts" }, files);
    }

    /// <summary>The output text of a compilation that must succeed.</summary>
    public static string Text(string dts, DtcOptions options, params (string Name, byte[] Bytes)[] extra)
    {
        var result = Run(dts, options, extra);
        result.ExitCode.ShouldBe(0, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return Latin1.GetString(result.Output!);
    }
}
