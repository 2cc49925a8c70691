using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>
/// Writes an <see cref="IommuModel"/> as text that fits a terminal: one line block per IOMMU, then the masters of
/// each IOMMU (and those without one) as a two-column table whose ID column wraps, with the IOVA window, bus
/// translation and reachable RAM said once per section and repeated only for masters that differ.
/// </summary>
public static class ModelTableWriter
{
    /// <summary>The width the tables are wrapped to.</summary>
    public const int Width = 120;

    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static void Write(IommuModel model, TextWriter output)
    {
        output.WriteLine($"IOMMUs ({model.Instances.Count})");
        foreach (var i in model.Instances)
        {
            var status = i.Available ? i.Status ?? "okay" : (i.Status ?? "okay") + " (unavailable)";
            var cells = i.Liobn is { } l ? "liobn " + Naming.Hex(l) : "#iommu-cells " + (i.IommuCells?.ToString(CultureInfo.InvariantCulture) ?? "-");
            output.WriteLine("  " + i.Path);
            Wrapped(output, "      ", $"{i.Binding?.Name ?? "(unknown binding)"}, simulator {i.SimulatorKind ?? "-"}, {status}, {cells}, aperture {i.Aperture?.ToString() ?? "-"}, {i.Masters.Count} master{(i.Masters.Count == 1 ? "" : "s")}");
        }

        var haveMemory = model.Memory.Count > 0;
        var sections = new List<(string Title, List<(DmaMaster Master, List<string> Ids)> Rows)>();
        foreach (var i in model.Instances)
        {
            var rows = model.Masters.Select(m => (m, IdsFor(m, i.Path, model))).Where(r => r.Item2.Count > 0).ToList();
            if (rows.Count > 0) sections.Add(($"Masters behind {i.Path}", rows));
        }
        var direct = model.Masters.Where(m => !model.Instances.Any(i => IdsFor(m, i.Path, model).Count > 0)).Select(m => (m, DirectIds(m))).ToList();
        if (direct.Count > 0) sections.Add(("Masters without an IOMMU", direct));

        output.WriteLine();
        output.WriteLine($"DMA masters ({model.Masters.Count})");
        foreach (var (title, rows) in sections)
        {
            output.WriteLine();
            output.WriteLine($"{title} ({rows.Count})");
            var nameWidth = Math.Min(60, rows.Max(r => Name(r.Master).Length));
            // Masters that share window, bus translation and reachable RAM are listed under one line saying so.
            foreach (var sub in rows.GroupBy(r => Dma(r.Master, haveMemory)))
            {
                Wrapped(output, "  ", sub.Key, "    ");
                output.WriteLine("    " + "MASTER".PadRight(nameWidth) + "  IDS");
                foreach (var (m, ids) in sub)
                {
                    var name = Name(m);
                    var first = true;
                    foreach (var line in ids.SelectMany(id => Wrap(id, Width - nameWidth - 6)))
                    {
                        var left = first ? name : "";
                        if (left.Length > nameWidth)
                        {
                            output.WriteLine("    " + left);
                            left = "";
                        }
                        output.WriteLine(("    " + left.PadRight(nameWidth) + "  " + line).TrimEnd());
                        first = false;
                    }
                }
            }
        }

        if (model.Memory.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("RAM: " + string.Join(", ", model.Memory.Select(r => r.ToString())));
        }
        if (model.MaxDmaCpuAddress is { } max) output.WriteLine("Max DMA CPU address (ZONE_DMA): " + Naming.Hex(max));
        if (model.Observations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Observations ({model.Observations.Count})");
            foreach (var o in model.Observations)
                Wrapped(output, "  ", $"{Naming.Kebab(o.Kind)}: {o.NodePath}{(o.Property != null ? ":" + o.Property : "")}: {o.Message}", "      ");
        }
    }

    private static string Name(DmaMaster m) => m.Path + (m.Rid is { } rid ? $" (RID {rid:x4})" : "") + (m.Available ? "" : " (disabled)");

    /// <summary>Window, bus translation and reachable RAM in one line.</summary>
    private static string Dma(DmaMaster m, bool haveMemory) =>
        // Without /memory (the bootloader adds it) there is nothing to intersect with; say so rather than "none".
        $"IOVA window {(m.Window == null ? "-" : m.Window.Range.ToString())}; bus->CPU {Bus(m.Translation)}; reachable RAM {(haveMemory ? Ram(m.ReachableRam) : "? (no /memory; give --memory)")}";

    /// <summary>The ID lines of <paramref name="m"/> that concern the IOMMU at <paramref name="iommu"/> (PCI bypass runs go with the first IOMMU).</summary>
    private static List<string> IdsFor(DmaMaster m, string iommu, IommuModel model)
    {
        var lines = new List<string>();
        if (m.RidRanges.Count > 0)
        {
            var firstIommu = m.RidRanges.FirstOrDefault(r => r.IommuPath != null)?.IommuPath;
            foreach (var r in m.RidRanges)
                if (r.IommuPath == iommu || (r.IommuPath == null && firstIommu == iommu)) lines.Add(Rid(r));
            if (lines.Count > 0 && m.State != IommuState.Translated) lines[0] += $" ({State(m.State)})";
            return lines;
        }
        var groups = new List<List<IommuAttachment>>();
        foreach (var a in m.Attachments.Where(a => a.IommuPath == iommu))
        {
            var last = groups.Count > 0 ? groups[groups.Count - 1] : null;
            if (last != null && last[0].State == a.State) last.Add(a);
            else groups.Add([a]);
        }
        foreach (var g in groups)
        {
            var a = g[0];
            lines.Add((a.BindingName ?? "(unknown)") + " " + GroupIds(g) + (a.State == AttachmentState.Active ? "" : $" [{Naming.Kebab(a.State)}]"));
        }
        if (lines.Count > 0 && m.State != IommuState.Translated) lines[0] += $" ({State(m.State)})";
        return lines;
    }

    private static List<string> DirectIds(DmaMaster m)
    {
        var lines = new List<string> { State(m.State) };
        foreach (var a in m.Attachments) lines.Add($"{a.IommuPath ?? "?"} {Ids(a)} [{Naming.Kebab(a.State)}]");
        lines.AddRange(m.RidRanges.Select(Rid));
        return lines;
    }

    private static string Rid(RidRange r) => r.Outcome switch
    {
        RidOutcome.Translated => $"RID {r.First:x4}-{r.Last:x4} -> ID {r.FirstId:x}-{r.LastId:x}",
        RidOutcome.Bypass => $"RID {r.First:x4}-{r.Last:x4} bypass",
        RidOutcome.NoMap => $"RID {r.First:x4}-{r.Last:x4} no iommu-map",
        _ => $"RID {r.First:x4}-{r.Last:x4} map error",
    };

    /// <summary>Writes <paramref name="text"/> wrapped to <see cref="Width"/> after <paramref name="indent"/> (continuations after <paramref name="more"/>).</summary>
    private static void Wrapped(TextWriter output, string indent, string text, string? more = null)
    {
        var lines = Wrap(text, Width - indent.Length);
        for (var k = 0; k < lines.Count; k++) output.WriteLine((k == 0 ? indent : more ?? indent) + lines[k]);
    }

    /// <summary>Splits at spaces so that no line exceeds <paramref name="width"/> (a longer word stays whole).</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }

    private static string GroupIds(List<IommuAttachment> group)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < group.Count)
        {
            var a = group[i];
            var j = i;
            if (a.Fields.Count == 1 && a.Fields[0].SubFields.Count == 0)
                while (j + 1 < group.Count && group[j + 1].Fields.Count == 1 && group[j + 1].Fields[0].Name == a.Fields[0].Name
                       && group[j + 1].Fields[0].SubFields.Count == 0 && group[j + 1].Fields[0].Value == group[j].Fields[0].Value + 1)
                    j++;
            parts.Add(j > i ? $"{a.Fields[0].Name}={Naming.Hex(a.Fields[0].Value)}-{Naming.Hex(group[j].Fields[0].Value)}" : Ids(a));
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    private static string State(IommuState s) => s switch
    {
        IommuState.NoIommu => "none",
        _ => Naming.Kebab(s),
    };

    private static string Ids(IommuAttachment a)
    {
        if (a.Fields.Count == 0) return a.Cells.Count == 0 ? "-" : string.Join(" ", a.Cells.Select(c => Naming.Hex(c)));
        var sb = new StringBuilder();
        foreach (var f in a.Fields)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(f.Name).Append('=').Append(Naming.Hex(f.Value));
            if (f.SubFields.Count > 0)
                sb.Append('(').Append(string.Join(",", f.SubFields.Select(s => s.Key + "=" + s.Value))).Append(')');
        }
        return sb.ToString();
    }

    private static string Bus(BusTranslation t) => t.Outcome switch
    {
        TranslationOutcome.NoConstraint => "1:1",
        TranslationOutcome.Invalid => "invalid",
        _ => string.Join(", ", t.Regions.Select(r =>
            AddressRange.FromSize(r.DmaStart, r.Size) is { } d ? $"{d}->{Naming.Hex(r.CpuStart)}" : "empty")),
    };

    private static string Ram(List<AddressRange> ram) => ram.Count == 0 ? "none" : string.Join(", ", ram.Select(r => r.ToString()));
}
