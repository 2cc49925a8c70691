using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>
/// The DMA topology of a model as a small graph for drawing: masters grouped by where their DMA goes
/// (group → bus translation → IOMMU or direct → memory), so that boards with hundreds of masters stay readable.
/// </summary>
internal sealed class DmaTopology
{
    /// <summary>Masters that share IOMMUs, state, bus translation, reachability and availability.</summary>
    public sealed class Group
    {
        public string Id { get; init; } = "";
        public string State { get; init; } = "";
        public bool Available { get; init; }
        public string TranslationId { get; init; } = "";
        public IReadOnlyList<string> IommuIds { get; init; } = [];
        public string Reach { get; init; } = "";
        public List<DmaMaster> Masters { get; } = [];
        /// <summary>"via" and the IOMMUs (or direct DMA) the group's DMA goes through: the drawing merges edges per translation, so the box says it.</summary>
        public string Via { get; set; } = "";
    }

    /// <summary>One distinct result of the <c>dma-ranges</c> walk.</summary>
    public sealed record Translation(string Id, string Title, IReadOnlyList<string> Lines, bool Invalid);

    /// <summary>An IOMMU instance, or the pseudo node for DMA without one.</summary>
    public sealed record Iommu(string Id, string Path, string Title, IReadOnlyList<string> Lines, bool Available, IommuInstance? Instance);

    /// <summary>The id of the pseudo IOMMU for masters whose DMA is not translated.</summary>
    public const string DirectId = "direct";

    public List<Group> Groups { get; } = [];
    public List<Translation> Translations { get; } = [];
    public List<Iommu> Iommus { get; } = [];
    public IReadOnlyList<string> MemoryLines { get; private set; } = [];
    public bool HasMemory { get; private set; }

    /// <summary>Findings by node path.</summary>
    public Dictionary<string, List<TopologyFinding>> Findings { get; } = [];

    /// <summary>Builds the topology of <paramref name="model"/>, with <paramref name="findings"/> (default: the model's observations).</summary>
    public static DmaTopology Build(IommuModel model, IReadOnlyList<TopologyFinding>? findings = null)
    {
        var t = new DmaTopology();
        foreach (var o in findings ?? TopologyFinding.FromObservations(model))
        {
            if (!t.Findings.TryGetValue(o.NodePath, out var list)) t.Findings[o.NodePath] = list = [];
            list.Add(o);
        }
        foreach (var i in model.Instances)
        {
            var lines = new List<string> { (i.Binding?.Name ?? "unknown binding") + (i.SimulatorKind != null ? " · " + i.SimulatorKind : "") };
            if (i.Aperture is { } ap) lines.Add("aperture " + ap);
            lines.Add(i.Masters.Count + " master" + (i.Masters.Count == 1 ? "" : "s") + (i.Available ? "" : " · " + (i.Status ?? "disabled")));
            t.Iommus.Add(new Iommu(NodeId(i.Path), i.Path, i.Path, lines, i.Available, i));
        }
        var translations = new Dictionary<string, Translation>();
        var groups = new Dictionary<string, Group>();
        foreach (var m in model.Masters)
        {
            var tr = TranslationOf(m.Translation);
            if (!translations.ContainsKey(tr.Id))
            {
                translations[tr.Id] = tr;
                t.Translations.Add(tr);
            }
            var iommus = IommusOf(m);
            var reach = model.Memory.Count == 0 ? "RAM unknown (no /memory)" : m.ReachableRam.Count == 0 ? "reaches no RAM" : "reaches " + string.Join(", ", m.ReachableRam);
            var state = Naming.Kebab(m.State);
            var key = string.Join("|", iommus) + "#" + state + "#" + tr.Id + "#" + reach + "#" + m.Available;
            if (!groups.TryGetValue(key, out var g))
            {
                g = new Group { Id = "g" + groups.Count, State = state, Available = m.Available, TranslationId = tr.Id, IommuIds = iommus, Reach = reach };
                groups[key] = g;
                t.Groups.Add(g);
            }
            g.Masters.Add(m);
        }
        foreach (var g in t.Groups)
            g.Via = "via " + string.Join(", ", g.IommuIds.Select(id => id == DirectId ? "no IOMMU" : t.Iommus.First(i => i.Id == id).Path));
        if (t.Groups.Any(g => g.IommuIds.Contains(DirectId)))
            t.Iommus.Add(new Iommu(DirectId, "", "no IOMMU (direct DMA)", ["bus addresses reach memory", "through dma-ranges only"], true, null));
        t.HasMemory = model.Memory.Count > 0;
        var mem = new List<string>();
        if (model.Memory.Count == 0)
        {
            mem.Add("no /memory (the bootloader");
            mem.Add("fills it in): give --memory");
        }
        mem.AddRange(model.Memory.Select(r => "RAM " + r));
        if (model.Reserved.Count > 0) mem.Add(model.Reserved.Count + " reserved region" + (model.Reserved.Count == 1 ? "" : "s"));
        if (model.MaxDmaCpuAddress is { } max) mem.Add("ZONE_DMA limit " + Naming.Hex(max));
        t.MemoryLines = mem;
        return t;
    }

    /// <summary>The IOMMUs a master's DMA goes through, or <see cref="DirectId"/> when none translates it.</summary>
    private static IReadOnlyList<string> IommusOf(DmaMaster m)
    {
        var paths = new List<string>();
        foreach (var a in m.Attachments)
            if (a.State == AttachmentState.Active || a.State == AttachmentState.AttributedToFirstInstance)
                if (a.IommuPath != null && !paths.Contains(a.IommuPath)) paths.Add(a.IommuPath);
        foreach (var r in m.RidRanges)
            if (r.Outcome == RidOutcome.Translated && r.IommuPath != null && !paths.Contains(r.IommuPath)) paths.Add(r.IommuPath);
        var ids = paths.Select(NodeId).ToList();
        // PCI RIDs outside the map bypass the IOMMU: such a host reaches memory both ways.
        if (m.State != IommuState.Translated || ids.Count == 0 || m.RidRanges.Any(r => r.Outcome != RidOutcome.Translated)) ids.Add(DirectId);
        return ids;
    }

    private static Translation TranslationOf(BusTranslation t)
    {
        switch (t.Outcome)
        {
            case TranslationOutcome.NoConstraint:
                return new Translation("t-none", "no dma-ranges", ["1:1, no bus limit"], false);
            case TranslationOutcome.Invalid:
                return new Translation("t-invalid-" + NodeId(t.RangesNode ?? t.StartNode), "invalid dma-ranges" + (t.RangesNode != null ? " at " + t.RangesNode : ""), ["DMA setup fails"], true);
            default:
                var lines = t.Regions.Select(r => AddressRange.FromSize(r.DmaStart, r.Size) is { } d
                    ? d + (r.Offset == 0 ? " 1:1" : " → " + Naming.Hex(r.CpuStart)) : "empty").ToList();
                lines.Add("mask " + t.MaskBits + " bits");
                var id = "t-" + NodeId(t.RangesNode ?? t.StartNode) + "-" + string.Join("-", t.Regions.Select(r => r.DmaStart.ToString("x") + "_" + r.CpuStart.ToString("x") + "_" + r.Size.ToString("x"))) + "-" + t.MaskBits;
                return new Translation(id, "dma-ranges at " + (t.RangesNode ?? t.StartNode), lines, false);
        }
    }

    /// <summary>An HTML/SVG/DOT-safe identifier for a node path.</summary>
    public static string NodeId(string path)
    {
        // The hash keeps paths that differ only in punctuation apart.
        var hash = 2166136261u;
        foreach (var c in path) hash = unchecked((hash ^ c) * 16777619u);
        var chars = path.Select(c => c < 128 && char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return "n" + new string(chars) + "_" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
