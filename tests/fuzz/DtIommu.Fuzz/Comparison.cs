using System.Text.RegularExpressions;

namespace DtIommu.Fuzz;

/// <summary>How the two compilers' answers to one case relate.</summary>
internal enum Verdict
{
    Agree,
    KnownDifference,
    Disagree,
    Crash,
    Hang,
}

/// <summary>
/// One justified difference: a pattern on either side's stderr (or on the input), and why dtiommu is right to differ.
/// A case-scoped entry (side dtc, dtiommu or input) explains the whole case when its pattern occurs: a difference that
/// changes the run's course (an error instead of a warning, a syntax error found elsewhere). A line-scoped entry
/// (side dtc-lines, dtiommu-lines or both-lines) explains only the stderr lines it matches: the case is a known
/// difference when, with those lines taken out, everything else agrees. Side both-blank explains only the text it
/// matches inside a line (bytes dtc reads past the end of a value): the match is blanked on both sides.
/// </summary>
internal sealed record KnownDifference(string Id, string Side, Regex Pattern, string Reason)
{
    /// <summary>True when the entry explains only the lines it matches.</summary>
    public bool LineScoped => Side.EndsWith("-lines", StringComparison.Ordinal) || Side == "both-blank";
}

/// <summary>Compares outcomes and explains differences with the list in known-differences.tsv.</summary>
internal sealed class Comparison
{
    private readonly List<KnownDifference> _known;

    public Comparison(List<KnownDifference> known) => _known = known;

    /// <summary>Reads the tab-separated list: id, side (dtc, dtiommu or input), regular expression, reason.</summary>
    public static List<KnownDifference> Load(string path)
    {
        var list = new List<KnownDifference>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 4) throw new FormatException($"{path}: expected 4 tab-separated fields: {line}");
            list.Add(new KnownDifference(f[0], f[1], new Regex(f[2], RegexOptions.Multiline | RegexOptions.CultureInvariant), f[3]));
        }
        return list;
    }

    /// <summary>The verdict, with the known difference that explains it (or a short description of what differs).</summary>
    public (Verdict Verdict, string Detail) Compare(Outcome dtc, Outcome ours, byte[] input)
    {
        if (ours.Failure is { } failure) return (ours.TimedOut ? Verdict.Hang : Verdict.Crash, failure);
        if (dtc.TimedOut) return (Verdict.KnownDifference, "dtc-hang");
        // dtc crashing (a signal: 139 is SIGSEGV) while dtiommu answers is dtiommu being right.
        if (dtc.ExitCode > 2) return (Verdict.KnownDifference, "dtc-crash");
        var what = Difference(dtc, ours);
        if (what == null) return (Verdict.Agree, "");
        if (what == "output bytes" && Dtc161Output.Explain(dtc.Output!, ours.Output!, input) is { } spelling)
            return (Verdict.KnownDifference, "output-1.6.1: " + spelling);
        var lines = ExplainLines(dtc, ours, input);
        if (lines != null) return (Verdict.KnownDifference, lines);
        foreach (var k in _known)
        {
            if (k.LineScoped) continue;
            var text = k.Side switch { "dtc" => dtc.Stderr, "input" => System.Text.Encoding.Latin1.GetString(input), _ => ours.Stderr };
            if (k.Pattern.IsMatch(text)) return (Verdict.KnownDifference, k.Id);
        }
        return (Verdict.Disagree, what);
    }

    // The line-scoped entries that together explain the case: their lines taken out of each side's stderr, the rest
    // must be equal, and so must the outputs unless the exit statuses differ (an error line explains a lost output).
    private string? ExplainLines(Outcome dtc, Outcome ours, byte[] input)
    {
        var theirs = dtc.Stderr;
        var mine = ours.Stderr;
        var used = new List<string>();
        foreach (var k in _known)
        {
            if (!k.LineScoped) continue;
            var before = (theirs, mine);
            if (k.Side is "dtc-lines" or "both-lines") theirs = Strip(theirs, k.Pattern);
            if (k.Side is "dtiommu-lines" or "both-lines") mine = Strip(mine, k.Pattern);
            if (k.Side == "both-blank") (theirs, mine) = (k.Pattern.Replace(theirs, "..."), k.Pattern.Replace(mine, "..."));
            if (before != (theirs, mine)) used.Add(k.Id);
        }
        if (used.Count == 0 || theirs != mine) return null;
        if (dtc.ExitCode == ours.ExitCode && !SameOutput(dtc, ours, input)) return null;
        return string.Join('+', used);
    }

    private static bool SameOutput(Outcome dtc, Outcome ours, byte[] input) =>
        dtc.Output == null ? ours.Output == null
        : ours.Output != null && (dtc.Output.AsSpan().SequenceEqual(ours.Output) || Dtc161Output.Explain(dtc.Output, ours.Output, input) != null);

    // Whole lines go: what a line-scoped entry explains is a message, and dtc's messages are lines.
    private static string Strip(string text, Regex pattern)
    {
        var kept = new System.Text.StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // The piece after the last newline is an unterminated line, or nothing.
            var last = i == lines.Length - 1;
            if (pattern.IsMatch(lines[i]) || (last && lines[i].Length == 0)) continue;
            kept.Append(lines[i]);
            if (!last) kept.Append('\n');
        }
        return kept.ToString();
    }

    /// <summary>
    /// True when dtiommu's run is what dtc 1.8.1's run says it should be: the same exit status, stderr and output
    /// bytes, apart from dtiommu's own hint lines; or 1.8.1 crashed (a signal) where dtiommu answered.
    /// </summary>
    public static bool ConfirmedBy181(Outcome dtc181, Outcome ours)
    {
        if (dtc181.ExitCode > 2 && ours.Failure == null) return true;
        return Difference(dtc181, ours with { Stderr = Strip(ours.Stderr, HintLine) }) == null;
    }

    private static readonly Regex HintLine = new("^hint: ");

    // The first pair of lines that differ, numbers blanked, so the minimiser keeps the same kind of difference
    // instead of shrinking towards any difference at all.
    private static string FirstDifferingLine(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; ; i++)
        {
            var l = i < x.Length ? x[i] : "";
            var r = i < y.Length ? y[i] : "";
            if (l != r) return Blank(l) + " | " + Blank(r);
        }
    }

    private static string Blank(string line) => Regex.Replace(line, "[0-9]+", "#");

    private static string? Difference(Outcome dtc, Outcome ours)
    {
        if (dtc.ExitCode != ours.ExitCode) return $"exit {dtc.ExitCode} vs {ours.ExitCode}";
        if (dtc.Stderr != ours.Stderr) return "stderr: " + FirstDifferingLine(dtc.Stderr, ours.Stderr);
        if ((dtc.Output == null) != (ours.Output == null)) return "output presence";
        if (dtc.Output != null && !dtc.Output.AsSpan().SequenceEqual(ours.Output)) return "output bytes";
        return null;
    }
}
