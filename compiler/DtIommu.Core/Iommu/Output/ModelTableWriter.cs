using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DtIommu.Iommu.Bindings;
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
        foreach (var m in model.Masters) MasterRows(m, masters);
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

    private static void MasterRows(DmaMaster m, List<string[]> rows)
    {
        var name = m.Path + (m.Rid is { } rid ? $" (RID {rid:x4})" : "") + (m.Available ? "" : " (disabled)");
        var window = m.Window == null ? "-" : m.Window.Range.ToString();
        var bus = Bus(m.Translation);
        var ram = Ram(m.ReachableRam);
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
        for (var i = 0; i < m.Attachments.Count; i++)
        {
            var a = m.Attachments[i];
            var iommu = (a.IommuPath ?? "?") + (a.State == AttachmentState.Active ? "" : $" [{Naming.Kebab(a.State)}]");
            if (i == 0 && m.State != IommuState.Translated) iommu += $" ({State(m.State)})";
            rows.Add([i == 0 ? name : "", iommu, a.BindingName ?? "(unknown)", Ids(a),
                i == 0 ? window : "", i == 0 ? bus : "", i == 0 ? ram : ""]);
        }
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
