using System.Diagnostics;
using System.Text.RegularExpressions;
using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Overlay;

/// <summary>
/// Byte-for-byte against Debian's fdtoverlay: dtc's own overlay test inputs (every base with every overlay, and
/// the stacked chains dtc's suite applies) and the combined blobs Linux 6.1's Kbuild builds from its
/// <c>*-dtbs :=</c> lines. Inputs are compiled with the system dtc, the reference both tools read.
/// </summary>
public class OverlayReferenceTests
{
    private static string? SuiteInputs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "dtc-suite", "inputs");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Corpus => Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".cache", "dtiommu-corpus");

    private static void Dtc(string dir, string args)
    {
        var psi = new ProcessStartInfo(DifferentialTests.DtcPath()!, args) { WorkingDirectory = dir, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, "dtc " + args);
    }

    private static List<string> Compare(string dir, string baseFile, IReadOnlyList<string> overlays)
    {
        var want = OverlayTestSupport.RunFdtoverlay(dir, baseFile, overlays);
        var got = OverlayTestSupport.RunOurs(dir, baseFile, overlays);
        var what = $"{baseFile} + {string.Join(" + ", overlays)}";
        if (want.ExitCode == 0 != (got.ExitCode == 0)) return [$"{what}: exit {got.ExitCode}, fdtoverlay {want.ExitCode}"];
        if (want.Stderr != got.Stderr) return [$"{what}: said '{got.Stderr.Trim()}', fdtoverlay '{want.Stderr.Trim()}'"];
        if (want.Output != null && !want.Output.AsSpan().SequenceEqual(got.Output)) return [$"{what}: output differs"];
        return [];
    }

    [OverlayReferenceFact(needsCorpus: false)]
    public void Dtc_overlay_inputs_give_fdtoverlays_bytes_and_errors()
    {
        var dir = Directory.CreateTempSubdirectory("dtiommu-overlay-").FullName;
        try
        {
            var inputs = SuiteInputs()!;
            var names = Directory.GetFiles(inputs, "*.dts").Select(Path.GetFileNameWithoutExtension)
                .Where(n => n!.StartsWith("overlay_", StringComparison.Ordinal) || n.StartsWith("stacked_overlay", StringComparison.Ordinal))
                .Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();
            names.Count.ShouldBeGreaterThan(20);
            foreach (var n in names) Dtc(inputs, $"-@ -I dts -O dtb -o {Path.Combine(dir, n + ".dtb")} {n}.dts");
            var failures = new List<string>();
            var pairs = 0;
            foreach (var b in names)
                foreach (var o in names)
                {
                    failures.AddRange(Compare(dir, b + ".dtb", [o + ".dtb"]));
                    pairs++;
                }
            failures.AddRange(Compare(dir, "stacked_overlay_base.dtb", ["stacked_overlay_bar.dtb", "stacked_overlay_baz.dtb"]));
            failures.AddRange(Compare(dir, "stacked_overlay_base_nolabel.dtb", ["stacked_overlay_addlabel.dtb", "stacked_overlay_baz.dtb"]));
            failures.AddRange(Compare(dir, "overlay_base.dtb", ["overlay_overlay.dtb", "overlay_overlay_simple.dtb", "overlay_overlay_bypath.dtb", "overlay_overlay_local_merge.dtb"]));
            pairs.ShouldBe(names.Count * names.Count);
            failures.ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static readonly Regex DtbsLine = new(@"^([\w.,+-]+)-dtbs\s*:?=\s*(.+)$", RegexOptions.Multiline);

    [OverlayReferenceFact(needsCorpus: true)]
    public void Linux_combined_blobs_match_fdtoverlay()
    {
        var src = Path.Combine(Corpus, "src", "linux-source-6.1");
        var dir = Directory.CreateTempSubdirectory("dtiommu-kbuild-").FullName;
        try
        {
            var failures = new List<string>();
            var combos = 0;
            foreach (var makefile in Directory.EnumerateFiles(Path.Combine(src, "arch"), "Makefile", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var dtsDir = Path.GetDirectoryName(makefile)!;
                var parts = Path.GetRelativePath(Path.Combine(src, "arch"), dtsDir).Split(Path.DirectorySeparatorChar);
                if (parts.Length < 3 || parts[1] != "boot" || parts[2] != "dts") continue;
                var arch = parts[0];
                var prefix = string.Concat(parts.Skip(3).Select(p => p + "__"));
                foreach (Match m in DtbsLine.Matches(File.ReadAllText(makefile)))
                {
                    var files = new List<string>();
                    foreach (var f in m.Groups[2].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        var isBase = f.EndsWith(".dtb", StringComparison.Ordinal);
                        var name = prefix + Path.GetFileNameWithoutExtension(f);
                        var pre = Path.Combine(Corpus, "pre", arch, name + ".dts");
                        var output = name + (isBase ? ".dtb" : ".dtbo");
                        // Kbuild builds the base of a combination with symbols and the overlays as they are.
                        Dtc(dir, $"-q {(isBase ? "-@ " : "")}-O dtb -o {output} -b 0 {pre}");
                        files.Add(output);
                    }
                    failures.AddRange(Compare(dir, files[0], files.Skip(1).ToList()));
                    combos++;
                }
            }
            combos.ShouldBeGreaterThan(0);
            failures.ShouldBeEmpty($"{failures.Count} of {combos} combinations differ");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>Needs fdtoverlay and dtc, plus dtc's test suite or the Linux corpus; skipped with the reason otherwise.</summary>
public sealed class OverlayReferenceFactAttribute : FactAttribute
{
    public OverlayReferenceFactAttribute(bool needsCorpus)
    {
        if (OverlayTestSupport.Fdtoverlay == null || DifferentialTests.DtcPath() == null)
            Skip = "fdtoverlay and dtc are not installed (apt-get install device-tree-compiler)";
        else if (needsCorpus && !Directory.Exists(Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".cache", "dtiommu-corpus", "src", "linux-source-6.1", "arch")))
            Skip = "the Linux 6.1 corpus (~/.cache/dtiommu-corpus with its src/ folder) is not present";
        else if (!needsCorpus && SuiteMissing())
            Skip = "dtc's test suite (shared/conformance/dtc-suite) is not present above the test directory";
    }

    private static bool SuiteMissing()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "conformance", "dtc-suite", "inputs"))) return false;
        return true;
    }
}
