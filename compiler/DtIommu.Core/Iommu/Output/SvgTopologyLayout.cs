using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace DtIommu.Iommu.Output;

/// <summary>
/// Lays the DMA topology out in four columns (master groups, bus translations, IOMMUs, memory) and draws it as
/// SVG. Each later column is ordered by the mean height of what feeds it, which keeps edges mostly level; groups
/// list a few masters and collapse the rest into "… and N more" so hundreds of masters stay one screen wide.
/// </summary>
internal sealed class SvgTopologyLayout
{
    /// <summary>Master paths a group box lists before collapsing the rest.</summary>
    public const int NamesPerGroup = 6;
    private const int LineHeight = 16;
    private const int Pad = 8;
    private const int Gap = 14;
    private const double CharWidth = 7.2;
    private static readonly int[] ColumnX = [20, 470, 820, 1180];
    private static readonly int[] ColumnWidth = [380, 280, 290, 260];
    private static readonly string[] ColumnTitle = ["DMA masters (grouped)", "bus translations (dma-ranges)", "IOMMUs", "memory"];
    private const int Top = 44;

    /// <summary>A box in the drawing.</summary>
    public sealed class Box
    {
        public string Id { get; init; } = "";
        public int Column { get; init; }
        public string Title { get; init; } = "";
        public List<string> Lines { get; init; } = [];
        public string Css { get; init; } = "";
        public string Search { get; init; } = "";
        public string Tooltip { get; init; } = "";
        public int Findings { get; init; }
        public string? Target { get; init; }
        public double Y { get; set; }
        public double Height => 2 * Pad + LineHeight * (1 + Lines.Count);
        public double X => ColumnX[Column];
        public double Width => ColumnWidth[Column];
    }

    public List<Box> Boxes { get; } = [];
    public List<(string From, string To)> Edges { get; } = [];
    public double Height { get; private set; }
    public double Width => ColumnX[3] + ColumnWidth[3] + 20;

    /// <summary>Lays out <paramref name="t"/>.</summary>
    public static SvgTopologyLayout Build(DmaTopology t)
    {
        var layout = new SvgTopologyLayout();
        int FindingsOf(string path) => t.Findings.TryGetValue(path, out var f) ? f.Count : 0;
        foreach (var g in t.Groups)
        {
            var names = g.Masters.Select(m => m.Path + (m.Rid is { } rid ? $" (RID {rid:x4})" : "")).ToList();
            var shown = names.Count > NamesPerGroup ? names.Take(NamesPerGroup - 1).Append($"… and {names.Count - (NamesPerGroup - 1)} more").ToList() : names;
            var findings = g.Masters.Sum(m => FindingsOf(m.Path));
            layout.Boxes.Add(new Box
            {
                Id = g.Id,
                Column = 0,
                Title = $"{g.Masters.Count} master{(g.Masters.Count == 1 ? "" : "s")} · {g.State}{(g.Available ? "" : " · disabled")}",
                Lines = shown.Append(g.Via).Append(g.Reach).ToList(),
                Css = "group" + (g.Available ? "" : " disabled") + (findings > 0 ? " finding" : ""),
                Search = string.Join(" ", names.Concat(g.Masters.SelectMany(m => m.Attachments.Select(a => a.IommuPath ?? "")))).ToLowerInvariant(),
                Tooltip = string.Join("\n", names),
                Findings = findings,
                Target = "list-" + g.Id,
            });
            layout.Edges.Add((g.Id, g.TranslationId));
        }
        foreach (var tr in t.Translations)
            layout.Boxes.Add(new Box { Id = tr.Id, Column = 1, Title = tr.Title, Lines = tr.Lines.ToList(), Css = "translation" + (tr.Invalid ? " finding" : ""), Search = (tr.Title + " " + string.Join(" ", tr.Lines)).ToLowerInvariant(), Tooltip = tr.Title });
        foreach (var i in t.Iommus)
        {
            var findings = i.Path.Length > 0 ? FindingsOf(i.Path) : 0;
            layout.Boxes.Add(new Box
            {
                Id = i.Id, Column = 2, Title = i.Title, Lines = i.Lines.ToList(),
                Css = (i.Instance == null ? "direct" : "iommu") + (i.Available ? "" : " disabled") + (findings > 0 ? " finding" : ""),
                Search = (i.Title + " " + string.Join(" ", i.Lines)).ToLowerInvariant(), Tooltip = i.Title, Findings = findings,
                Target = i.Instance != null ? DmaTopology.NodeId(i.Path) : null,
            });
        }
        layout.Boxes.Add(new Box { Id = "memory", Column = 3, Title = "memory", Lines = t.MemoryLines.ToList(), Css = "memory" + (t.HasMemory ? "" : " unknown"), Search = string.Join(" ", t.MemoryLines).ToLowerInvariant(), Tooltip = "memory" });
        foreach (var e in t.Groups.SelectMany(g => g.IommuIds.Select(i => (g.TranslationId, i))).Distinct()) layout.Edges.Add(e);
        foreach (var i in t.Iommus.Where(i => t.Groups.Any(g => g.IommuIds.Contains(i.Id)))) layout.Edges.Add((i.Id, "memory"));
        layout.Place();
        return layout;
    }

    private void Place()
    {
        var byId = Boxes.ToDictionary(b => b.Id);
        for (var column = 0; column < 4; column++)
        {
            // Barycentre placement: each box goes level with the boxes feeding it (on average), without overlapping.
            var placed = Boxes.Where(b => b.Column == column).Select((b, i) =>
            {
                var feeders = Edges.Where(e => e.To == b.Id && byId[e.From].Column == column - 1)
                    .Select(e => byId[e.From].Y + byId[e.From].Height / 2).ToList();
                return (Box: b, Index: i, Centre: feeders.Count == 0 ? double.MaxValue : feeders.Average());
            }).OrderBy(x => x.Centre).ThenBy(x => x.Index).ToList();
            var y = (double)Top;
            foreach (var (b, _, centre) in placed)
            {
                b.Y = centre == double.MaxValue ? y : Math.Max(y, centre - b.Height / 2);
                y = b.Y + b.Height + Gap;
            }
            Height = Math.Max(Height, y + 10);
        }
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The line shortened to fit the box, keeping its end (the node name) and marking the cut with "…".</summary>
    private static string Fit(string s, double width)
    {
        var max = (int)((width - 2 * Pad) / CharWidth);
        return s.Length <= max ? s : "…" + s.Substring(s.Length - (max - 1));
    }

    /// <summary>The drawing as an <c>&lt;svg&gt;</c> element.</summary>
    public string ToSvg()
    {
        var byId = Boxes.ToDictionary(b => b.Id);
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"topology\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" height=\"{F(Height)}\" font-family=\"monospace\" font-size=\"12\">\n");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777\"/></marker></defs>\n");
        for (var c = 0; c < 4; c++)
            sb.Append($"<text class=\"column\" x=\"{ColumnX[c]}\" y=\"24\" font-weight=\"bold\" font-family=\"sans-serif\" font-size=\"14\">{ColumnTitle[c]}</text>\n");
        foreach (var (from, to) in Edges)
        {
            var a = byId[from];
            var b = byId[to];
            double x1 = a.X + a.Width, y1 = a.Y + a.Height / 2, x2 = b.X, y2 = b.Y + b.Height / 2, mid = (x1 + x2) / 2;
            sb.Append($"<path class=\"edge\" data-from=\"{from}\" data-to=\"{to}\" d=\"M{F(x1)},{F(y1)} C{F(mid)},{F(y1)} {F(mid)},{F(y2)} {F(x2)},{F(y2)}\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>\n");
        }
        foreach (var b in Boxes)
        {
            sb.Append($"<g class=\"node {b.Css}\" id=\"svg-{b.Id}\" data-search=\"{WebUtility.HtmlEncode(b.Search)}\"");
            if (b.Target != null) sb.Append($" data-target=\"{b.Target}\"");
            sb.Append($"><title>{WebUtility.HtmlEncode(b.Tooltip)}</title>");
            sb.Append($"<rect x=\"{F(b.X)}\" y=\"{F(b.Y)}\" width=\"{F(b.Width)}\" height=\"{F(b.Height)}\" rx=\"6\"/>");
            var y = b.Y + Pad + 12;
            sb.Append($"<text x=\"{F(b.X + Pad)}\" y=\"{F(y)}\" font-weight=\"bold\">{WebUtility.HtmlEncode(Fit(b.Title, b.Width - (b.Findings > 0 ? 40 : 0)))}</text>");
            foreach (var line in b.Lines)
            {
                y += LineHeight;
                sb.Append($"<text x=\"{F(b.X + Pad)}\" y=\"{F(y)}\">{WebUtility.HtmlEncode(Fit(line, b.Width))}</text>");
            }
            if (b.Findings > 0)
                sb.Append($"<text class=\"badge\" x=\"{F(b.X + b.Width - Pad)}\" y=\"{F(b.Y + Pad + 12)}\" text-anchor=\"end\">⚠{b.Findings}</text>");
            sb.Append("</g>\n");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
