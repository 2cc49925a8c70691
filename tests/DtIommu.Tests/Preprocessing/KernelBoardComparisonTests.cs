using System.Diagnostics;
using System.Text.RegularExpressions;
using DtIommu.Preprocessing;

namespace DtIommu.Tests.Preprocessing;

/// <summary>Runs only when PP_KERNEL_DIR points at an unpacked Linux tree (arch/*/boot/dts, include, scripts/dtc).</summary>
public sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PP_KERNEL_DIR") is not { Length: > 0 } || !File.Exists("/usr/bin/cpp"))
            Skip = "set PP_KERNEL_DIR to a Linux source tree (and install GNU cpp) to compare every arm/arm64 board with cpp";
    }
}

/// <summary>
/// Acceptance check against GNU cpp: every arm and arm64 board of a kernel tree, preprocessed with only the board
/// directory and scripts/dtc/include-prefixes as search path, must give cpp's tokens on cpp's lines (whitespace
/// inside a line aside). Optional PP_KERNEL_LIMIT bounds the number of boards.
/// </summary>
public class KernelBoardComparisonTests
{
    [KernelFact]
    public void EveryBoardMatchesGnuCpp()
    {
        string root = Environment.GetEnvironmentVariable("PP_KERNEL_DIR")!;
        int limit = int.TryParse(Environment.GetEnvironmentVariable("PP_KERNEL_LIMIT"), out var l) ? l : int.MaxValue;
        var boards = new[] { "arch/arm/boot/dts", "arch/arm64/boot/dts" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.dts", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        boards.ShouldNotBeEmpty();
        const string prefixes = "scripts/dtc/include-prefixes";
        var mismatches = new List<string>();
        foreach (var board in boards)
        {
            string dir = Path.GetDirectoryName(board)!.Replace('\\', '/');
            var options = new PreprocessorOptions { ReadFile = p => ReadUnder(root, p) };
            options.IncludeDirs.Add(dir);
            options.IncludeDirs.Add(prefixes);
            var mine = new Preprocessor(options).Run(board);
            string gnu = RunCpp(root, $"-nostdinc -I {dir} -I {prefixes} -undef -D__DTS__ -x assembler-with-cpp {board}");
            if (Normalize(mine.Text) != Normalize(gnu) || !mine.Success) mismatches.Add(board);
        }
        mismatches.ShouldBeEmpty($"{mismatches.Count} of {boards.Count} boards differ from cpp");
    }

    private static string? ReadUnder(string root, string path)
    {
        string full = Path.Combine(root, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    private static string Normalize(string text) =>
        string.Join("\n", text.Split('\n').Select(line => Regex.Replace(line, "\\s+", " ").Trim()));

    private static string RunCpp(string root, string args)
    {
        var psi = new ProcessStartInfo("/usr/bin/cpp", args) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = stderr.Result;
        return output;
    }
}
