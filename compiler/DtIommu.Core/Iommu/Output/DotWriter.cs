using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>
/// Writes the DMA topology as a Graphviz digraph: master groups → bus translations → IOMMUs (or direct DMA) →
/// memory, left to right, one column per stage. Groups list at most <see cref="MaxNamesPerGroup"/> masters.
/// </summary>
public static class DotWriter
{
    /// <summary>How many master paths a group box lists before "… and N more".</summary>
    public const int MaxNamesPerGroup = 12;

    /// <summary>Writes the graph of <paramref name="model"/> for board <paramref name="board"/>.</summary>
    public static void Write(IommuModel model, TextWriter output, string board, IReadOnlyList<TopologyFinding>? shown = null)
    {
        var t = DmaTopology.Build(model, shown);
        var w = new StringBuilder();
        w.Append("digraph dma {\n");
        w.Append("\tgraph [rankdir=LR, label=").Append(Quote("DMA topology of " + board)).Append(", labelloc=t, fontname=\"Helvetica\", ranksep=1.2];\n");
        w.Append("\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n");
        w.Append("\tedge [color=\"#555555\"];\n");

        w.Append("\tsubgraph cluster_masters {\n\t\tlabel=\"DMA masters\"; style=dashed;\n");
        foreach (var g in t.Groups)
        {
            var lines = g.Masters.Take(MaxNamesPerGroup).Select(m => m.Path + (m.Rid is { } rid ? $" (RID {rid:x4})" : "")).ToList();
            if (g.Masters.Count > MaxNamesPerGroup) lines.Add($"… and {g.Masters.Count - MaxNamesPerGroup} more");
            var head = $"{g.Masters.Count} master{(g.Masters.Count == 1 ? "" : "s")} · {g.State}{(g.Available ? "" : " · disabled")}";
            var findings = g.Masters.Sum(m => t.Findings.TryGetValue(m.Path, out var f) ? f.Count : 0);
            if (findings > 0) head += $" · {findings} finding{(findings == 1 ? "" : "s")}";
            w.Append("\t\t").Append(g.Id).Append(" [label=").Append(Label(head, lines.Append(g.Via).Append(g.Reach)));
            w.Append(g.Available ? "" : ", style=\"rounded,dashed\", fontcolor=\"#777777\"");
            if (findings > 0) w.Append(", color=\"#c0392b\"");
            w.Append("];\n");
        }
        w.Append("\t}\n");

        w.Append("\tsubgraph cluster_translations {\n\t\tlabel=\"bus translations (dma-ranges)\"; style=dashed;\n");
        foreach (var tr in t.Translations)
            w.Append("\t\t").Append(Quote(tr.Id)).Append(" [label=").Append(Label(tr.Title, tr.Lines))
                .Append(tr.Invalid ? ", color=\"#c0392b\"" : "").Append(", fillcolor=\"#eef5ff\"];\n");
        w.Append("\t}\n");

        w.Append("\tsubgraph cluster_iommus {\n\t\tlabel=\"IOMMUs\"; style=dashed;\n");
        foreach (var i in t.Iommus)
        {
            var findings = i.Path.Length > 0 && t.Findings.TryGetValue(i.Path, out var f) ? f.Count : 0;
            var lines = findings > 0 ? i.Lines.Append($"{findings} finding{(findings == 1 ? "" : "s")}") : i.Lines;
            w.Append("\t\t").Append(Quote(i.Id)).Append(" [label=").Append(Label(i.Title, lines))
                .Append(", fillcolor=").Append(i.Instance == null ? "\"#f4f4f4\"" : "\"#fff4e0\"")
                .Append(i.Available ? "" : ", style=\"rounded,dashed,filled\"").Append("];\n");
        }
        w.Append("\t}\n");

        w.Append("\tmemory [label=").Append(Label("memory", t.MemoryLines)).Append(", fillcolor=\"#eaf7ea\"];\n");

        foreach (var g in t.Groups) w.Append("\t").Append(g.Id).Append(" -> ").Append(Quote(g.TranslationId)).Append(";\n");
        foreach (var (from, to) in t.Groups.SelectMany(g => g.IommuIds.Select(i => (g.TranslationId, i))).Distinct())
            w.Append("\t").Append(Quote(from)).Append(" -> ").Append(Quote(to)).Append(";\n");
        foreach (var i in t.Iommus.Where(i => t.Groups.Any(g => g.IommuIds.Contains(i.Id))))
            w.Append("\t").Append(Quote(i.Id)).Append(" -> memory;\n");
        w.Append("}\n");
        output.Write(w.ToString());
    }

    /// <summary>A left-aligned multi-line label: title, then one line each.</summary>
    private static string Label(string title, System.Collections.Generic.IEnumerable<string> lines) =>
        "\"" + string.Concat(new[] { title }.Concat(lines).Select(l => Escape(l) + "\\l")) + "\"";

    /// <summary>A DOT double-quoted string.</summary>
    private static string Quote(string s) => "\"" + Escape(s) + "\"";

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", " ");
}
