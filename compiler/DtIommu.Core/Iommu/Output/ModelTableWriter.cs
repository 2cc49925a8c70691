using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>Writes an <see cref="IommuModel"/> as readable text tables: IOMMUs, DMA masters, then observations.</summary>
public static class ModelTableWriter
{
    /// <summary>Writes the tables to <paramref name="output"/>.</summary>
    public static void Write(IommuModel model, TextWriter output)
    {
        var iommus = new List<string[]> { new[] { "IOMMU", "BINDING", "SIMULATOR", "STATUS", "CELLS", "APERTURE", "MASTERS" } };
        foreach (var i in model.Instances)
            iommus.Add([
                i.Path,
                i.Binding?.Name ?? "(unknown)",
                i.SimulatorKind ?? "-",
                i.Available ? i.Status ?? "okay" : (i.Status ?? "okay") + " (unavailable)",
                i.Liobn is { } l ? "liobn " + Naming.Hex(l) : i.IommuCells?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                i.Aperture?.ToString() ?? "-",
                i.Masters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        output.WriteLine($"IOMMUs ({model.Instances.Count})");
        Table(output, iommus);
        output.WriteLine();

        var masters = new List<string[]> { new[] { "MASTER", "IOMMU", "BINDING", "IDS", "IOVA WINDOW", "BUS->CPU", "REACHABLE RAM" } };
        foreach (var m in model.Masters) MasterRows(m, masters, model.Memory.Count > 0);
        output.WriteLine($"DMA masters ({model.Masters.Count})");
        Table(output, masters);

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
                output.WriteLine($"  {Naming.Kebab(o.Kind)}: {o.NodePath}{(o.Property != null ? ":" + o.Property : "")}: {o.Message}");
        }
    }

    private static void MasterRows(DmaMaster m, List<string[]> rows, bool haveMemory)
    {
        var name = m.Path + (m.Rid is { } rid ? $" (RID {rid:x4})" : "") + (m.Available ? "" : " (disabled)");
        var window = m.Window == null ? "-" : m.Window.Range.ToString();
        var bus = Bus(m.Translation);
        // Without /memory (the bootloader adds it) there is nothing to intersect with; say so rather than "none".
        var ram = haveMemory ? Ram(m.ReachableRam) : "? (no /memory)";
        if (m.Kind == MasterKind.PciHostBridge || m.Kind == MasterKind.IdMappedBus)
        {
            var first = true;
            foreach (var r in m.RidRanges)
            {
                var ids = r.Outcome switch
                {
                    RidOutcome.Translated => $"RID {r.First:x4}-{r.Last:x4} -> ID {r.FirstId:x}-{r.LastId:x}",
                    RidOutcome.Bypass => $"RID {r.First:x4}-{r.Last:x4} bypass",
                    RidOutcome.NoMap => $"RID {r.First:x4}-{r.Last:x4} no iommu-map",
                    _ => $"RID {r.First:x4}-{r.Last:x4} map error",
                };
                rows.Add([first ? name : "", r.IommuPath ?? State(m.State), first ? BindingOf(m, r.IommuPath) : "", ids,
                    first ? window : "", first ? bus : "", first ? ram : ""]);
                first = false;
            }
            if (first) rows.Add([name, State(m.State), "", "-", window, bus, ram]);
            return;
        }
        if (m.Attachments.Count == 0)
        {
            rows.Add([name, State(m.State), "-", "-", window, bus, ram]);
            return;
        }
        // Consecutive entries for one IOMMU share a row; runs of consecutive single IDs print as A-B.
        var groups = new List<List<IommuAttachment>>();
        foreach (var a in m.Attachments)
        {
            var last = groups.Count > 0 ? groups[groups.Count - 1] : null;
            if (last != null && last[0].IommuPath == a.IommuPath && last[0].State == a.State) last.Add(a);
            else groups.Add([a]);
        }
        for (var i = 0; i < groups.Count; i++)
        {
            var a = groups[i][0];
            var iommu = (a.IommuPath ?? "?") + (a.State == AttachmentState.Active ? "" : $" [{Naming.Kebab(a.State)}]");
            if (i == 0 && m.State != IommuState.Translated) iommu += $" ({State(m.State)})";
            rows.Add([i == 0 ? name : "", iommu, a.BindingName ?? "(unknown)", GroupIds(groups[i]),
                i == 0 ? window : "", i == 0 ? bus : "", i == 0 ? ram : ""]);
        }
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

    private static string BindingOf(DmaMaster m, string? iommuPath) =>
        m.Attachments.FirstOrDefault(a => a.IommuPath == iommuPath)?.BindingName ?? "";

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

    private static void Table(TextWriter output, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var r in rows)
            for (var i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        foreach (var r in rows)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < r.Length; i++)
            {
                if (i > 0) sb.Append("  ");
                sb.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i]));
            }
            output.WriteLine(sb.ToString().TrimEnd());
        }
    }
}
