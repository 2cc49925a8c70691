using System.Text.RegularExpressions;
using DtIommu.Compilation;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// dtc 1.8.1's own test inputs compiled in-process: same success or failure, byte-identical output and dependency
/// file, and the same check messages line for line. The suite lives outside the repository (a <c>shared/conformance/dtc-suite</c>
/// folder in a directory above the test binaries, as CI provides it); without it the theory reports itself skipped.
/// </summary>
public class ConformanceOutputTests
{
    private static readonly Regex CheckName = new(@"(?:Warning|ERROR) \(([a-z0-9_]+)\)", RegexOptions.Compiled);

    /// <summary>The dtc 1.8.1 test-suite folder, or null when this machine has none.</summary>
    internal static string? FindSuite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "dtc-suite");
            if (File.Exists(Path.Combine(candidate, "cases.tsv"))) return candidate;
        }
        return null;
    }

    public static IEnumerable<object[]> Cases() =>
        FindSuite() is not { } suite ? [] :
        File.ReadAllLines(Path.Combine(suite, "cases.tsv")).Select(l => l.Split('\t')).Where(f => f.Length == 3)
            .Select(f => new object[] { f[0], f[1], f[2] });

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Output_matches_dtc(string name, string flags, string input)
    {
        var suite = FindSuite()!;
        var options = ParseFlags(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)) with { Input = input, Output = "out.bin" };
        var result = DtcCompiler.Compile(options, new RootedFileSource(Path.Combine(suite, "inputs")));
        var wantRc = int.Parse(File.ReadAllText(Path.Combine(suite, "expected", name + ".rc")).Trim());
        (result.ExitCode == 0).ShouldBe(wantRc == 0, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        if (wantRc == 0) result.Output.ShouldBe(File.ReadAllBytes(Path.Combine(suite, "expected", name + ".out")));
        var depFile = Path.Combine(suite, "expected", name + ".d");
        if (File.Exists(depFile)) result.Dependencies.ShouldBe(File.ReadAllText(depFile));

        var expectedStderr = File.ReadAllText(Path.Combine(suite, "expected", name + ".stderr"));
        var ours = string.Concat(result.Diagnostics.Where(d => d.Descriptor.Category == "dtc-check").Select(d => DtcFormatter.Format(d, "out.bin")));
        CheckLines(ours).ShouldBe(CheckLines(expectedStderr), "ours:\n" + ours + "\ndtc:\n" + expectedStderr);
    }

    // The lines dtc's check_msg writes, in order: the message itself and its "also defined at" continuations.
    private static List<string> CheckLines(string stderr) =>
        stderr.Split('\n').Where(l => CheckName.IsMatch(l) || l.StartsWith("  also defined at ", StringComparison.Ordinal)).ToList();

    private static DtcOptions ParseFlags(string[] a)
    {
        var o = new DtcOptions();
        var checks = new List<(bool, string)>();
        var includes = new List<string>();
        for (var i = 0; i < a.Length; i++)
        {
            string Next() => a[++i];
            switch (a[i])
            {
                case "-I": o = o with { InputFormat = Next() }; break;
                case "-O": o = o with { OutputFormat = Next() }; break;
                case "-i": includes.Add(Next()); break;
                case "-f": o = o with { Force = true }; break;
                case "-s": o = o with { Sort = true }; break;
                case "-@": o = o with { Symbols = true }; break;
                case "-A": o = o with { AutoAlias = true }; break;
                case "-p": o = o with { Padding = int.Parse(Next()) }; break;
                case "-S": o = o with { MinimumSize = int.Parse(Next()) }; break;
                case "-a": o = o with { Alignment = int.Parse(Next()) }; break;
                case "-R": o = o with { ReserveSlots = int.Parse(Next()) }; break;
                case "-b": o = o with { BootCpu = long.Parse(Next()) }; break;
                case "-V": o = o with { OutputVersion = int.Parse(Next()) }; break;
                case "-d": o = o with { DependencyFile = Next() }; break;
                case "-H":
                    o = o with { PhandleFormat = Next() switch { "legacy" => PhandleFormat.Legacy, "both" => PhandleFormat.Both, _ => PhandleFormat.Epapr } };
                    break;
                default:
                    if (a[i].StartsWith("-W", StringComparison.Ordinal)) checks.Add((false, a[i][2..]));
                    else if (a[i].StartsWith("-E", StringComparison.Ordinal)) checks.Add((true, a[i][2..]));
                    else throw new ArgumentException("flag not handled by the test: " + a[i]);
                    break;
            }
        }
        return o with { CheckOptions = checks, IncludeDirectories = includes };
    }
}

/// <summary>A theory over dtc's test suite; skipped, with the reason shown, where the suite is not next to the checkout.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        // A skipped theory is reported once and its data never enumerated (xunit 2's TheoryDiscoverer).
        if (ConformanceOutputTests.FindSuite() == null)
            Skip = "dtc 1.8.1 test suite not found (a shared/conformance/dtc-suite folder above the test binaries; CI provides it)";
    }
}
