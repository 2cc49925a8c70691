using System.Collections.Generic;
using System.Linq;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;

namespace DtIommu.Overlay;

/// <summary>
/// The board a bootloader or Kbuild would produce from a base and overlays: sources are compiled to blobs (the base
/// with symbols, so overlays can resolve its labels), the overlays are applied as fdtoverlay applies them, and the
/// combined blob is read back as the tree to check.
/// </summary>
public static class CombinedBoardCompiler
{
    /// <summary>
    /// Compiles <paramref name="options"/>' input with <paramref name="overlays"/> applied in order; without overlays
    /// it is an ordinary compilation. Sources among the overlays are compiled with the same include path and defines.
    /// </summary>
    public static CompileResult Compile(DtcOptions options, IReadOnlyList<string> overlays, IFileSource files)
    {
        if (overlays.Count == 0) return DtcCompiler.Compile(options, files);
        var blobs = new Dictionary<string, byte[]>();
        var opened = new List<string>();
        foreach (var input in new[] { options.Input }.Concat(overlays))
        {
            if (blobs.ContainsKey(input)) continue;
            var result = ToBlob(input, options, files);
            opened.AddRange(result.OpenedFiles);
            if (result.Output == null) return result;
            blobs[input] = result.Output;
        }
        var applied = FdtOverlayRun.Apply(options.Input, overlays,
            name => blobs.TryGetValue(name, out var b) ? b : throw new System.IO.FileNotFoundException(name));
        var combinedName = options.Input + "+" + string.Join("+", overlays);
        if (applied.Blob == null)
        {
            var d = new Diagnostic(OverlayDiagnostics.ApplyFailed, Severity.Error, applied.Error!.Trim(), null, []);
            return new CompileResult(1, null, null, [d], null, opened);
        }
        var combined = new MemoryFileSource().Add(combinedName, applied.Blob);
        var final = DtcCompiler.Compile(options with { Input = combinedName, InputFormat = "dtb", Preprocess = false, DependencyFile = null }, combined);
        return final with { OpenedFiles = opened };
    }

    private static CompileResult ToBlob(string input, DtcOptions options, IFileSource files)
    {
        var format = InputFormatGuesser.Guess(input, files);
        if (format == "dtb" && files.TryRead(input) is { } bytes)
            return new CompileResult(0, bytes, null, [], null, [input]);
        return DtcCompiler.Compile(options with
        {
            Input = input,
            InputFormat = format,
            OutputFormat = "dtb",
            Symbols = true,
            Force = true,
            DependencyFile = null,
            CheckOptions = [],
        }, files);
    }
}
