using System.Text.RegularExpressions;
using DtIommu.Compilation;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Model;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// dtc 1.8.1's own test inputs compiled in-process: same success or failure, byte-identical output and dependency
/// file, and the same check messages line for line (the command-line yardstick is
/// ../shared/conformance/run-dtc-suite.sh; this keeps it under dotnet test).
/// </summary>
public class ConformanceOutputTests
{
    private static readonly Regex CheckName = new(@"(?:Warning|ERROR) \(([a-z0-9_]+)\)", RegexOptions.Compiled);

    internal static string Suite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "dtc-suite");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/conformance/dtc-suite not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<object[]> Cases() =>
        File.ReadAllLines(Path.Combine(Suite(), "cases.tsv")).Select(l => l.Split('\t')).Where(f => f.Length == 3)
            .Select(f => new object[] { f[0], f[1], f[2] });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_dtc(string name, string flags, string input)
    {
        var suite = Suite();
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
