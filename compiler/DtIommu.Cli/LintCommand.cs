using System.CommandLine;
using System.CommandLine.Parsing;
using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Diagnostics.Reporting;
using DtIommu.Lint;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary><c>dtiommu lint BOARD...</c>: dtc's checks plus the IOMMU rules, in several report formats, with a baseline.</summary>
internal static class LintCommand
{
    private static readonly Argument<string[]> Boards = new("board") { Arity = ArgumentArity.OneOrMore, Description = "Board files (DTS or DTB)" };
    private static readonly Option<string> Format = new("--format", "-f") { Description = "Report format: gcc (default), dtc, msbuild, sarif, github, json" };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Write the report to this file instead of standard output" };
    private static readonly Option<string> InFormat = new("--in-format", "-I") { Description = "Input format: dts or dtb (guessed when absent)" };
    private static readonly Option<string[]> Include = new("--include", "-i") { Description = "Add a path to search for include files" };
    private static readonly Option<bool> Cpp = new("--cpp") { Arity = ArgumentArity.Zero, Description = "Run the built-in C preprocessor on DTS input" };
    private static readonly Option<string[]> Define = CppDefineOptions.Define;
    private static readonly Option<string[]> Undefine = CppDefineOptions.Undefine;
    private static readonly Option<string[]> Warning = new("--warning", "-W") { Description = "Enable a rule or dtc check as a warning (no-NAME disables); rule ids work too" };
    private static readonly Option<string[]> Error = new("--error", "-E") { Description = "Make a rule or dtc check an error (no-NAME lowers it)" };
    private static readonly Option<bool> WarningsAsErrors = new("--warnings-as-errors") { Arity = ArgumentArity.Zero, Description = "Treat warnings as errors (report and exit status)" };
    private static readonly Option<string> BaselineFile = new("--baseline") { Description = "Report only findings that are not in this baseline file" };
    private static readonly Option<bool> WriteBaseline = new("--write-baseline") { Arity = ArgumentArity.Zero, Description = "Write every current finding to the --baseline file and exit 0" };
    private static readonly Option<string[]> Bindings = new("--bindings") { Description = "Additional IOMMU binding directory or file" };
    private static readonly Option<bool> DtcChecks = new("--dtc-checks") { Arity = ArgumentArity.Zero, Description = "Also report dtc's own checks (those named with -W/-E are always reported)" };
    private static readonly Option<bool> IncludeDisabled = new("--include-disabled") { Arity = ArgumentArity.Zero, Description = "Also report findings on disabled nodes, as notes (Linux never probes those nodes)" };
    private static readonly Option<bool> Notes = new("--notes") { Arity = ArgumentArity.Zero, Description = "Show notes (facts of the design); hidden by default, -W RULE shows one rule's" };
    private static readonly Option<string[]> Overlay = new("--overlay") { Description = "Apply this overlay (.dtbo or .dtso) to each board first, as fdtoverlay would; repeatable, applied in order" };

    public static Command Create()
    {
        var c = new Command("lint", "Check boards with dtc's checks and the IOMMU/DMA rules (exit 1 on errors)")
        {
            Boards, Format, Output, InFormat, Include, Cpp, Define, Undefine, Warning, Error, WarningsAsErrors, BaselineFile, WriteBaseline, Bindings,
            DtcChecks, Notes, IncludeDisabled, Overlay,
        };
        c.SetAction(Run);
        return c;
    }

    private static int Run(ParseResult p)
    {
        var format = p.GetValue(Format) ?? "gcc";
        if (!LintReport.Formats.Contains(format))
            return Fail($"unknown report format '{format}' (expected {string.Join(", ", LintReport.Formats)})");

        var settings = new LintSettings { WarningsAsErrors = p.GetValue(WarningsAsErrors), IncludeDisabled = p.GetValue(IncludeDisabled) };
        var checkOptions = new List<(bool, string)>();
        var named = new HashSet<string>(StringComparer.Ordinal);   // rules and checks asked for by -W/-E: always shown
        foreach (var (isError, arg) in OrderedOptions(p))
        {
            if (!arg.StartsWith("no-", StringComparison.Ordinal))
                named.Add(LintRuleTable.Find(arg)?.Name ?? arg);
            if (settings.TryApply(arg, isError)) continue;
            if (!new CheckSettings().TryApply(arg, !isError, isError, out var message))
                return Fail((message ?? $"Unrecognized check name \"{arg}\"") + " (not a dtc check nor a lint rule)");
            checkOptions.Add((isError, arg));
        }

        var catalog = BoardLoader.LoadCatalog(p.GetValue(Bindings) ?? []);
        if (catalog.Diagnostics.HasErrors)
        {
            foreach (var d in catalog.Diagnostics.Items) Console.Error.Write(DtcFormatter.Format(d, "bindings"));
            return 1;
        }

        Baseline? baseline = null;
        var baselinePath = p.GetValue(BaselineFile);
        if (p.GetValue(WriteBaseline) && baselinePath == null) return Fail("--write-baseline needs --baseline FILE");
        if (baselinePath != null && !p.GetValue(WriteBaseline))
        {
            string text;
            try { text = File.ReadAllText(baselinePath); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Fail($"cannot read baseline {baselinePath}: {e.Message}");
            }
            baseline = Baseline.Parse(text, baselinePath, out var error);
            if (error != null) return Fail(error);
        }

        var input = new BoardInputOptions(p.GetValue(InFormat), p.GetValue(Include) ?? [], p.GetValue(Cpp), CppDefineOptions.Ordered(p), checkOptions, p.GetValue(Overlay));
        // Findings on disabled nodes come as notes, so asking for them shows notes.
        var filter = new ReportFilter(p.GetValue(DtcChecks), p.GetValue(Notes) || p.GetValue(IncludeDisabled), named);
        var all = new List<(string Board, Diagnostic Finding)>();
        var trees = new Dictionary<string, Model.DeviceTree>(StringComparer.Ordinal);
        var failed = false;
        var boards = p.GetValue(Boards) ?? [];
        var progress = new LintProgress(boards.Length);
        for (var index = 0; index < boards.Length; index++)
        {
            var board = boards[index];
            progress.Next(index, board);
            Compilation.CompileResult result;
            try
            {
                result = BoardLoader.Compile(board, input);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A compiler defect on one board must not hide the findings of the others.
                Console.Error.WriteLine($"dtiommu lint: {board}: internal error while compiling: {e.GetType().Name}: {e.Message}");
                failed = true;
                continue;
            }
            foreach (var d in result.Diagnostics)
            {
                if (BoardLoader.IsOutputMessage(d) || !filter.ShowsCompilerMessage(d)) continue;
                var effective = settings.WarningsAsErrors && d.Severity == Severity.Warning ? d with { Severity = Severity.Error } : d;
                all.Add((board, effective));
            }
            if (result.Tree == null)
            {
                failed = true;
                continue;
            }
            trees[board] = result.Tree;
            foreach (var f in LintRunner.Run(result.Tree, catalog, settings).Findings) all.Add((board, f));
        }
        progress.Done();

        if (p.GetValue(WriteBaseline))
        {
            if (failed) return Fail("not writing a baseline: some boards do not compile");
            if (!TryWrite(baselinePath!, Baseline.Write(all))) return 1;
            Console.Error.WriteLine($"dtiommu: wrote {all.Count} finding(s) to {baselinePath}");
            return 0;
        }

        var kept = baseline == null ? all : all.Where(f => !baseline.Contains(f.Finding, f.Board)).ToList();
        var decorated = kept.Select(f => (f.Board, trees.TryGetValue(f.Board, out var t) ? FindingLabels.Decorate(f.Finding, t) : f.Finding)).ToList();
        var shown = FindingMerger.Merge(decorated.Where(f => filter.ShowsFinding(f.Item2)));
        var hiddenNotes = FindingMerger.Merge(decorated.Where(f => !filter.ShowsFinding(f.Item2))).Count;
        var report = LintReport.Render(format, shown, listBoards: boards.Length > 1);
        var output = p.GetValue(Output);
        if (output == null) Console.Out.Write(report);
        else if (!TryWrite(output, report)) return 1;
        Console.Error.Write(LintSummary.Format(shown, boards.Length, hiddenNotes));
        return failed || shown.Any(f => f.Finding.Severity == Severity.Error) ? 1 : 0;
    }

    private static bool TryWrite(string path, string text)
    {
        try
        {
            AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(Latin1.ToText(text)));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"dtiommu: cannot write {path}: {e.Message}");
            return false;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dtiommu lint: " + message);
        return 1;
    }

    // -D and -U apply in command-line order, as cpp's do.
    // -W and -E apply in command-line order, as dtc's do.
    private static IEnumerable<(bool IsError, string Argument)> OrderedOptions(ParseResult p)
    {
        var list = new List<(int Index, bool IsError, string Arg)>();
        void Collect(OptionResult? r, bool isError)
        {
            if (r == null) return;
            foreach (var t in r.Tokens) list.Add((CppDefineOptions.IndexOf(p, t), isError, t.Value));
        }
        Collect(p.GetResult(Warning), false);
        Collect(p.GetResult(Error), true);
        list.Sort((x, y) => x.Index.CompareTo(y.Index));
        return list.Select(x => (x.IsError, x.Arg));
    }
}
