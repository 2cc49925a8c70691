using System.Text;
using System.Text.RegularExpressions;

namespace DtIommu.Fuzz;

/// <summary>
/// Output spellings where Debian's dtc 1.6.1 differs from dtc 1.8.1 (which dtiommu matches byte for byte) with the
/// same meaning. dtc 1.6.1's output is compared with a pattern made from dtiommu's, loosened only at the places
/// these spellings touch, so any other byte that differs is still a disagreement.
/// </summary>
internal static class Dtc161Output
{
    private const string PluginLine = "/plugin/;\n";

    /// <summary>The names of the spellings that explain the difference, or null when something else differs.</summary>
    public static string? Explain(byte[] dtc, byte[] ours, byte[] input)
    {
        var theirs = Respell(Encoding.Latin1.GetString(dtc));
        var mine = Encoding.Latin1.GetString(ours);
        if (theirs == mine) return "output-spelling-1.6.1";
        if (!mine.StartsWith("/dts-v1/;\n", StringComparison.Ordinal)) return null;
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var blob = input.Length >= 4 && input[0] == 0xd0 && input[1] == 0x0d && input[2] == 0xfe && input[3] == 0xed;
        // 1.8.1 prints /plugin/; for a plugin source, and for a blob with overlay fixup tables; 1.6.1 never does.
        var plugin = mine.StartsWith("/dts-v1/;\n" + PluginLine, StringComparison.Ordinal)
            && (blob ? mine.Contains("__fixups__ {", StringComparison.Ordinal) || mine.Contains("__local_fixups__ {", StringComparison.Ordinal)
                     : Encoding.Latin1.GetString(input).Contains("/plugin/", StringComparison.Ordinal));
        // 1.8.1 gives the nodes a blob's /__symbols__ names their labels back ("label: node {"); 1.6.1 prints them bare.
        var symbolLabels = blob && mine.Contains("__symbols__ {", StringComparison.Ordinal);
        var pattern = new StringBuilder("^");
        var phandles = Phandles(mine);
        foreach (var line in mine.Split('\n').SkipLast(1))
            pattern.Append(LinePattern(line + "\n", plugin, symbolLabels, phandles, used));
        pattern.Append('$');
        return used.Count > 0 && Regex.IsMatch(theirs, pattern.ToString(), RegexOptions.CultureInvariant)
            ? string.Join('+', used) : null;
    }

    // Spellings 1.6.1 has that need no knowledge of the tree: in asm a cell's four .byte directives on one line and
    // .string for .asciz; in DTS a string with an embedded NUL as "a\0b" for "a", "b".
    private static string Respell(string text)
    {
        text = Regex.Replace(text, @"\t\.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2}); \.byte (0x[0-9a-f]{2})\n",
            "\t.byte\t$1\n\t.byte\t$2\n\t.byte\t$3\n\t.byte\t$4\n");
        text = Regex.Replace(text, @"^\t\.string([\t ])", "\t.asciz$1", RegexOptions.Multiline);
        return Regex.Replace(text, @"(?<=^\t*[^\t\n=]+ = .*)(?<!\\)\\0(?![0-7])", "\", \"", RegexOptions.Multiline);
    }

    private static string LinePattern(string line, bool plugin, bool symbolLabels, Dictionary<string, string> phandles, SortedSet<string> used)
    {
        if (line == PluginLine && plugin)
        {
            used.Add("plugin-directive");
            return "(?:" + Regex.Escape(line) + ")?";
        }
        var node = Regex.Match(line, @"^(\t*)((?:[^\s:]+: )+)(\S+ \{\n)$");
        if (node.Success && symbolLabels)
        {
            used.Add("symbols-labels");
            return Regex.Escape(node.Groups[1].Value) + "(?:" + Regex.Escape(node.Groups[2].Value) + ")?" + Regex.Escape(node.Groups[3].Value);
        }
        var eq = line.IndexOf(" = ", StringComparison.Ordinal);
        return eq < 0 ? Regex.Escape(line) : Regex.Escape(line[..(eq + 3)]) + ValuePattern(line[(eq + 3)..], phandles, used);
    }

    // Each node's phandle as 1.6.1 prints it, by label and by path, read from the decompiled output.
    private static Dictionary<string, string> Phandles(string dts)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new List<(string Path, string[] Labels)>();
        foreach (var line in dts.Split('\n'))
        {
            var node = Regex.Match(line, @"^\t*((?:[^\s:]+: )*)(\S+) \{$");
            if (node.Success)
            {
                var name = node.Groups[2].Value;
                var path = stack.Count == 0 ? "/" : stack[^1].Path == "/" ? "/" + name : stack[^1].Path + "/" + name;
                stack.Add((path, node.Groups[1].Value.Split(": ", StringSplitOptions.RemoveEmptyEntries)));
                continue;
            }
            if (Regex.IsMatch(line, @"^\t*\};$") && stack.Count > 0)
            {
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            var phandle = Regex.Match(line, @"^\t*(?:linux,)?phandle = <(0x[0-9a-f]+)>;$");
            if (!phandle.Success || stack.Count == 0) continue;
            map.TryAdd(stack[^1].Path, phandle.Groups[1].Value);
            foreach (var label in stack[^1].Labels) map.TryAdd(label, phandle.Groups[1].Value);
        }
        return map;
    }

    // A property value: 1.8.1 prints a phandle or path reference in cells as &label or &{/path}, 1.6.1 as the number
    // (after one space more when the reference opens a later chunk: "< 0x01>"); 1.6.1 prints one space more before
    // the string a path reference makes after another chunk ("a",  "/n").
    private static string ValuePattern(string value, Dictionary<string, string> phandles, SortedSet<string> used)
    {
        var p = new StringBuilder();
        var inCells = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < value.Length && value[end] != '"') end += value[end] == '\\' ? 2 : 1;
                if (value[i + 1] == '/' && i >= 2 && value[i - 1] == ' ')
                {
                    used.Add("path-reference-space");
                    p.Append(" ?");
                }
                p.Append(Regex.Escape(value[i..Math.Min(end + 1, value.Length)]));
                i = end;
            }
            else if (inCells && c == '&')
            {
                var end = value[i + 1] == '{' ? value.IndexOf('}', i) + 1 : i + 1;
                while (end < value.Length && value[end] is not (' ' or '>')) end++;
                used.Add("phandle-reference-number");
                if (value[i - 1] == '<' && i >= 2) p.Append(" ?");
                // The number is the phandle of the node the label or path names, or the overlay's unresolved
                // 0xffffffff when the output has no such node.
                var target = value[i + 1] == '{' ? value[(i + 2)..(end - 1)] : value[(i + 1)..end];
                p.Append(phandles.GetValueOrDefault(target, "0xffffffff"));
                i = end - 1;
            }
            else
            {
                if (c == '<') inCells = true;
                else if (c == '>') inCells = false;
                p.Append(Regex.Escape(c.ToString()));
            }
        }
        return p.ToString();
    }
}
