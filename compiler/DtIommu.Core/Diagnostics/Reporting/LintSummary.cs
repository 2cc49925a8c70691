using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DtIommu.Diagnostics.Reporting;

/// <summary>
/// The closing lines of a lint run: <c>3 warnings, 1 error in 2 of 5 boards; 12 notes hidden</c>, then one line per
/// rule with its counts, most frequent first.
/// </summary>
public static class LintSummary
{
    /// <summary>The summary text, newline-terminated.</summary>
    /// <param name="shown">The findings reported.</param>
    /// <param name="boardCount">How many boards were linted.</param>
    /// <param name="hiddenNotes">Notes left out of the report (shown with <c>--notes</c>).</param>
    public static string Format(IReadOnlyList<BoardFinding> shown, int boardCount, int hiddenNotes)
    {
        var sb = new StringBuilder();
        var errors = shown.Count(f => f.Finding.Severity == Severity.Error);
        var warnings = shown.Count(f => f.Finding.Severity == Severity.Warning);
        var notes = shown.Count(f => f.Finding.Severity == Severity.Note);
        var parts = new List<string>();
        if (warnings > 0) parts.Add(Count(warnings, "warning"));
        if (errors > 0) parts.Add(Count(errors, "error"));
        if (notes > 0) parts.Add(Count(notes, "note"));
        var affected = shown.SelectMany(f => f.Boards).Distinct().Count();
        sb.Append(parts.Count == 0 ? "no findings" : string.Join(", ", parts));
        sb.Append(parts.Count == 0 ? " in " + Count(boardCount, "board")
            : " in " + affected.ToString(CultureInfo.InvariantCulture) + " of " + Count(boardCount, "board"));
        if (hiddenNotes > 0) sb.Append("; ").Append(Count(hiddenNotes, "note")).Append(" hidden (--notes shows them)");
        sb.Append('\n');
        foreach (var rule in shown.GroupBy(f => f.Finding.Descriptor.Code)
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var d = rule.First().Finding.Descriptor;
            sb.Append("  ").Append(d.Code).Append(' ').Append(d.Name).Append(": ");
            sb.Append(string.Join(", ", rule.GroupBy(f => f.Finding.Severity).OrderByDescending(g => g.Key)
                .Select(g => Count(g.Count(), Word(g.Key)))));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Word(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };

    private static string Count(int n, string word) => n.ToString(CultureInfo.InvariantCulture) + " " + word + (n == 1 ? "" : "s");
}
