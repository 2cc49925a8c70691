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

/// <summary>One justified difference: a pattern on either side's stderr (or on the input), and why dtiommu is right to differ.</summary>
internal sealed record KnownDifference(string Id, string Side, Regex Pattern, string Reason);

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
        if (what == "output bytes" && SameBut161Spelling(dtc.Output!, ours.Output!)) return (Verdict.KnownDifference, "output-spelling-1.6.1");
        if (what == "output bytes" && DecompiledAsOverlay(dtc.Output!, ours.Output!)) return (Verdict.KnownDifference, "overlay-blob-decompile");
        if (what == "output bytes" && LabelledFromSymbols(dtc.Output!, ours.Output!)) return (Verdict.KnownDifference, "symbols-import-labels");
        foreach (var k in _known)
        {
            var text = k.Side switch { "dtc" => dtc.Stderr, "input" => System.Text.Encoding.Latin1.GetString(input), _ => ours.Stderr };
            if (k.Pattern.IsMatch(text)) return (Verdict.KnownDifference, k.Id);
        }
        return (Verdict.Disagree, what);
    }

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

    // Spellings dtc 1.6.1 has and 1.8.1 (and dtiommu) changed, with the same meaning: in asm a cell's four .byte
    // directives on one line and .string for .asciz; in DTS a string with an embedded NUL as "a\0b" for "a", "b".
    private static bool SameBut161Spelling(byte[] dtc, byte[] ours)
    {
        var text = System.Text.Encoding.Latin1.GetString(dtc);
        var respelled = Regex.Replace(text, @"\t\.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2})\n",
            "\t.byte\t$1\n\t.byte\t$2\n\t.byte\t$3\n\t.byte\t$4\n");
        respelled = Regex.Replace(respelled, @"^\t\.string([\t ])", "\t.asciz$1", RegexOptions.Multiline);
        respelled = Regex.Replace(respelled, @"(?<=^\t*[^\t\n=]+ = .*)(?<!\\)\\0(?![0-7])", "\", \"", RegexOptions.Multiline);
        return respelled == System.Text.Encoding.Latin1.GetString(ours);
    }

    // dtc 1.8.1 (and dtiommu) decompile a blob with /__fixups__ or /__local_fixups__ as an overlay: /plugin/; and
    // references in place of the fixed-up cells, so the DTS compiles back; 1.6.1 prints a plain tree.
    private static bool DecompiledAsOverlay(byte[] dtc, byte[] ours)
    {
        const string Plugin = "/dts-v1/;\n/plugin/;\n";
        var theirs = System.Text.Encoding.Latin1.GetString(dtc);
        var mine = System.Text.Encoding.Latin1.GetString(ours);
        return mine.StartsWith(Plugin, StringComparison.Ordinal) && !theirs.StartsWith(Plugin, StringComparison.Ordinal)
            && (mine.Contains("__fixups__ {", StringComparison.Ordinal) || mine.Contains("__local_fixups__ {", StringComparison.Ordinal));
    }

    // dtc 1.8.1 (and dtiommu) give the nodes a blob's /__symbols__ names their labels back, so a decompiled blob
    // prints "label: node {"; 1.6.1 prints the nodes bare.
    private static bool LabelledFromSymbols(byte[] dtc, byte[] ours)
    {
        var mine = System.Text.Encoding.Latin1.GetString(ours);
        if (!mine.Contains("__symbols__ {", StringComparison.Ordinal)) return false;
        var bare = Regex.Replace(mine, @"^(\t*)(?:[^\s:]+: )+(?=\S+ \{$)", "$1", RegexOptions.Multiline);
        return bare == System.Text.Encoding.Latin1.GetString(dtc);
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
