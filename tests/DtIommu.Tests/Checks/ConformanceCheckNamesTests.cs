using System.Text.RegularExpressions;
using Antlr4.Runtime;
using DtIommu.Checks;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Model;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Tests.Checks;

/// <summary>
/// Runs the checks over every DTS input of dtc 1.8.1's suite that the front end parses, and compares the set of check
/// names reported with the names in dtc's own stderr (as run-dtc-suite.sh does).
/// </summary>
public class ConformanceCheckNamesTests
{
    private static readonly Regex CheckName = new(@"(?:Warning|ERROR) \(([a-z0-9_]+)\)", RegexOptions.Compiled);

    internal static string SuiteDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "dtc-suite");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/conformance/dtc-suite not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(SuiteDirectory(), "cases.tsv")))
        {
            var f = line.Split('\t');
            if (f.Length == 3 && f[2].EndsWith(".dts", StringComparison.Ordinal) && !f[1].Contains("-I dtb"))
                yield return [f[0], f[1], f[2]];
        }
    }

    /// <summary>Parses one input with the front end; null when dtc would have stopped before the checks.</summary>
    internal static DeviceTree? Parse(string inputDir, string input, IReadOnlyList<string> includeDirs)
    {
        var diagnostics = new DiagnosticBag();
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(inputDir);
            var loader = new SourceLoader(DiskFileSource.Instance, includeDirs);
            var opened = loader.Open(input, null);
            if (opened == null) return null;
            var tokens = new DtsTokenSource(input, opened.Value.Bytes, loader, diagnostics);
            var parser = new DtsParser(new CommonTokenStream(tokens), TextWriter.Null, TextWriter.Null);
            parser.RemoveErrorListeners();
            parser.ErrorHandler = new DtsParseErrorStrategy();
            DtsParser.SourceFileContext ctx;
            try { ctx = parser.sourceFile(); }
            catch (Exception) { return null; }
            var builder = new TreeBuilder(loader, diagnostics);
            var tree = builder.Build(ctx);
            if (builder.Aborted || diagnostics.HasErrors) return null;
            return tree;
        }
        catch (FatalCompilationException)
        {
            return null;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_names_match_dtc(string name, string flags, string input)
    {
        var suite = SuiteDirectory();
        var expectedStderr = File.ReadAllText(Path.Combine(suite, "expected", name + ".stderr"));
        var expected = CheckName.Matches(expectedStderr).Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();

        var args = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var settings = new CheckSettings();
        var includes = new List<string>();
        var symbols = false;
        var format = PhandleFormat.Epapr;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string? err;
            if (a.StartsWith("-W", StringComparison.Ordinal)) settings.TryApplyWarningOption(a.Length > 2 ? a.Substring(2) : args[++i], out err).ShouldBeTrue(err);
            else if (a.StartsWith("-E", StringComparison.Ordinal)) settings.TryApplyErrorOption(a.Length > 2 ? a.Substring(2) : args[++i], out err).ShouldBeTrue(err);
            else if (a == "-@") symbols = true;
            else if (a == "-i") includes.Add(args[++i]);
            else if (a == "-H") format = args[++i] switch { "legacy" => PhandleFormat.Legacy, "both" => PhandleFormat.Both, _ => PhandleFormat.Epapr };
        }

        var tree = Parse(Path.Combine(suite, "inputs"), input, includes);
        if (tree == null)
        {
            // The front end stopped before the checks; dtc must have stopped too (no check names expected).
            expected.ShouldBeEmpty();
            return;
        }
        var context = new CheckContext(tree, new PhandleAllocator(format), "out.bin", symbols);
        var bag = new DiagnosticBag();
        CheckRunner.Run(context, settings, bag);
        var text = string.Concat(bag.Items.Select(d => DtcFormatter.Format(d, context.OutputName)));
        var actual = CheckName.Matches(text).Select(m => m.Groups[1].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        actual.ShouldBe(expected, "ours:\n" + text + "\ndtc:\n" + expectedStderr);
        CheckLines(text).ShouldBe(CheckLines(expectedStderr), "ours:\n" + text + "\ndtc:\n" + expectedStderr);
    }

    // The lines dtc's check_msg writes, in order: the message itself and its "also defined at" continuations.
    private static List<string> CheckLines(string stderr) =>
        stderr.Split('\n').Where(l => CheckName.IsMatch(l) || l.StartsWith("  also defined at ", StringComparison.Ordinal)).ToList();
}
