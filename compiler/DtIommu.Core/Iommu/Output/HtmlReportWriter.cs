using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>
/// Writes one self-contained HTML page (no network, no external files): the DMA topology drawn as inline SVG, a
/// search box that dims what does not match, the master groups as collapsible tables, the IOMMUs, and the findings
/// each linked to its node.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Writes the report of <paramref name="model"/> for board <paramref name="board"/>.</summary>
    public static void Write(IommuModel model, TextWriter output, string board, IReadOnlyList<TopologyFinding>? findings = null)
    {
        var all = findings ?? TopologyFinding.FromObservations(model);
        var t = DmaTopology.Build(model, all);
        var layout = SvgTopologyLayout.Build(t);
        var anchors = new HashSet<string>(model.Masters.Select(m => m.Path).Concat(model.Instances.Select(i => i.Path)));
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>DMA topology: ").Append(E(board)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><h1>DMA topology of <code>").Append(E(board)).Append("</code></h1>\n<p class=\"summary\">");
        h.Append(model.Instances.Count).Append(" IOMMU").Append(model.Instances.Count == 1 ? "" : "s").Append(" · ");
        h.Append(model.Masters.Count).Append(" DMA master").Append(model.Masters.Count == 1 ? "" : "s").Append(" in ");
        h.Append(t.Groups.Count).Append(" group").Append(t.Groups.Count == 1 ? "" : "s").Append(" · ");
        h.Append(all.Count).Append(" finding").Append(all.Count == 1 ? "" : "s").Append("</p>\n");
        h.Append("<input id=\"search\" type=\"search\" placeholder=\"Search masters, IOMMUs, addresses…\" autocomplete=\"off\"> <span id=\"matches\"></span></header>\n");
        h.Append("<section id=\"drawing\">\n").Append(layout.ToSvg()).Append("\n</section>\n");

        h.Append("<section><h2>DMA masters</h2>\n");
        foreach (var g in t.Groups)
        {
            h.Append("<details id=\"list-").Append(g.Id).Append('"').Append(g.Masters.Count <= 8 ? " open" : "").Append("><summary>");
            h.Append(g.Masters.Count).Append(" master").Append(g.Masters.Count == 1 ? "" : "s").Append(" · ").Append(E(g.State));
            h.Append(" · via ").Append(E(string.Join(", ", g.IommuIds.Select(id => t.Iommus.FirstOrDefault(i => i.Id == id)?.Title ?? id))));
            h.Append(" · ").Append(E(t.Translations.First(x => x.Id == g.TranslationId).Title)).Append(" · ").Append(E(g.Reach));
            h.Append(g.Available ? "" : " · disabled").Append("</summary>\n<table><tr><th>master</th><th>kind</th><th>IOMMU and IDs</th><th>IOVA window</th><th>findings</th></tr>\n");
            foreach (var m in g.Masters)
            {
                h.Append("<tr class=\"row\" id=\"").Append(DmaTopology.NodeId(m.Path)).Append("\" data-search=\"").Append(E(Search(m))).Append("\"><td><code>").Append(E(m.Path)).Append("</code>");
                if (m.Rid is { } rid) h.Append(" RID ").Append(rid.ToString("x4"));
                if (!m.Available) h.Append(" <em>(disabled)</em>");
                h.Append("</td><td>").Append(E(Naming.Kebab(m.Kind))).Append("</td><td>").Append(Ids(m, anchors)).Append("</td><td>");
                h.Append(m.Window == null ? "-" : E(m.Window.Range.ToString())).Append("</td><td>").Append(FindingLinks(t, m.Path)).Append("</td></tr>\n");
            }
            h.Append("</table></details>\n");
        }
        h.Append("</section>\n");

        h.Append("<section><h2>IOMMUs</h2>\n<table><tr><th>IOMMU</th><th>binding</th><th>simulator</th><th>status</th><th>#iommu-cells</th><th>aperture</th><th>masters</th><th>findings</th></tr>\n");
        foreach (var i in model.Instances)
        {
            h.Append("<tr class=\"row\" id=\"").Append(DmaTopology.NodeId(i.Path)).Append("\" data-search=\"").Append(E((i.Path + " " + i.Binding?.Name + " " + string.Join(" ", i.Compatible)).ToLowerInvariant())).Append("\"><td><code>").Append(E(i.Path)).Append("</code></td><td>");
            h.Append(E(i.Binding?.Name ?? "(unknown)")).Append("</td><td>").Append(E(i.SimulatorKind ?? "-")).Append("</td><td>").Append(E(i.Status ?? "okay")).Append(i.Available ? "" : " (unavailable)");
            h.Append("</td><td>").Append(i.IommuCells?.ToString() ?? "-").Append("</td><td>").Append(E(i.Aperture?.ToString() ?? "-")).Append("</td><td>").Append(i.Masters.Count);
            h.Append("</td><td>").Append(FindingLinks(t, i.Path)).Append("</td></tr>\n");
        }
        h.Append("</table>\n</section>\n");

        h.Append("<section><h2>Findings</h2>\n");
        if (all.Count == 0) h.Append("<p>None.</p>\n");
        else
        {
            h.Append("<ol class=\"findings\">\n");
            for (var k = 0; k < all.Count; k++)
            {
                var o = all[k];
                h.Append("<li class=\"row\" id=\"finding-").Append(k).Append("\" data-search=\"").Append(E((o.NodePath + " " + o.Name + " " + o.Message).ToLowerInvariant())).Append("\"><b>").Append(E(o.Severity + " " + o.Name)).Append("</b> ");
                h.Append(anchors.Contains(o.NodePath) ? $"<a href=\"#{DmaTopology.NodeId(o.NodePath)}\"><code>{E(o.NodePath)}</code></a>" : $"<code>{E(o.NodePath)}</code>");
                if (o.Property != null) h.Append(" <code>").Append(E(o.Property)).Append("</code>");
                h.Append(": ").Append(E(o.Message)).Append("</li>\n");
            }
            h.Append("</ol>\n");
        }
        h.Append("</section>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        output.Write(h.ToString());
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Search(DmaMaster m) =>
        (m.Path + " " + string.Join(" ", m.Attachments.Select(a => a.IommuPath)) + " " + string.Join(" ", m.RidRanges.Select(r => r.IommuPath))).ToLowerInvariant();

    private static string Ids(DmaMaster m, HashSet<string> anchors)
    {
        var parts = new List<string>();
        string Link(string? path) => path == null ? "?" : anchors.Contains(path) ? $"<a href=\"#{DmaTopology.NodeId(path)}\"><code>{E(path)}</code></a>" : $"<code>{E(path)}</code>";
        foreach (var a in m.Attachments)
        {
            var fields = a.Fields.Count > 0 ? string.Join(" ", a.Fields.Select(f => f.Name + "=" + Naming.Hex(f.Value))) : string.Join(" ", a.Cells.Select(c => Naming.Hex(c)));
            parts.Add(Link(a.IommuPath) + " " + E(fields) + (a.State == AttachmentState.Active ? "" : " <em>[" + E(Naming.Kebab(a.State)) + "]</em>"));
        }
        foreach (var r in m.RidRanges)
            parts.Add($"RID {r.First:x4}-{r.Last:x4} " + (r.Outcome == RidOutcome.Translated ? "→ " + Link(r.IommuPath) + $" ID {r.FirstId:x}-{r.LastId:x}" : E(Naming.Kebab(r.Outcome))));
        return parts.Count == 0 ? E(Naming.Kebab(m.State)) : string.Join("<br>", parts);
    }

    private static string FindingLinks(DmaTopology t, string path)
    {
        if (!t.Findings.TryGetValue(path, out var list)) return "";
        return string.Join("<br>", list.Select(o => "<span class=\"warn\">⚠ " + E(o.Name) + "</span>"));
    }

    private const string Css = @"body{font-family:sans-serif;margin:0 1.5em 2em;color:#222}
header{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
h1{font-size:1.3em;margin:.2em 0}
.summary{margin:.2em 0;color:#555}
#search{width:28em;padding:.3em}
#drawing{overflow:auto;border:1px solid #ddd;margin:1em 0}
.node rect{fill:#fff;stroke:#666;stroke-width:1.2}
.node.group rect{fill:#f7fbff}
.node.translation rect{fill:#eef5ff}
.node.iommu rect{fill:#fff4e0}
.node.direct rect{fill:#f4f4f4;stroke-dasharray:4 3}
.node.memory rect{fill:#eaf7ea}
.node.memory.unknown rect{stroke-dasharray:4 3}
.node.disabled{opacity:.55}
.node.disabled rect{stroke-dasharray:4 3}
.node.finding rect{stroke:#c0392b;stroke-width:2}
.node .badge{fill:#c0392b;font-weight:bold}
.node[data-target]{cursor:pointer}
.node.dim,.edge.dim{opacity:.15}
.node.hit rect{stroke:#1565c0;stroke-width:3}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}
th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
tr.hidden,li.hidden{display:none}
details summary{cursor:pointer;padding:.2em 0}
.warn{color:#c0392b}
:target{background:#fff3b0}
";

    private const string Script = @"(function(){
var input=document.getElementById('search'),count=document.getElementById('matches');
var nodes=[].slice.call(document.querySelectorAll('#topology .node')),edges=[].slice.call(document.querySelectorAll('#topology .edge'));
var rows=[].slice.call(document.querySelectorAll('.row'));
function apply(){var q=input.value.trim().toLowerCase(),hits=0;
nodes.forEach(function(n){var m=q&&n.getAttribute('data-search').indexOf(q)>=0;n.classList.toggle('dim',!!q&&!m);n.classList.toggle('hit',!!m);});
edges.forEach(function(e){e.classList.toggle('dim',!!q);});
rows.forEach(function(r){var m=!q||r.getAttribute('data-search').indexOf(q)>=0;r.classList.toggle('hidden',!m);if(q&&m){hits++;var d=r.closest('details');if(d)d.open=true;}});
count.textContent=q?hits+' match'+(hits==1?'':'es'):'';}
input.addEventListener('input',apply);
nodes.forEach(function(n){var t=n.getAttribute('data-target');if(!t)return;n.addEventListener('click',function(){var el=document.getElementById(t);if(!el)return;if(el.tagName=='DETAILS')el.open=true;el.scrollIntoView({behavior:'smooth',block:'start'});});});
})();
";
}
