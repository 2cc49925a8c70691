using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Model;
using DtIommu.Simulation.Probe;

namespace DtIommu.Lint.Rules;

/// <summary>The bodies of the reachability rules: which physical memory each master's DMA lands in.</summary>
internal static class ReachabilityChecks
{
    /// <summary>A master that can reach no RAM at all: every access the boot probe made to RAM was unreachable.</summary>
    public static void NoRam(LintContext c)
    {
        if (c.Model.Memory.Count == 0) return;
        foreach (var m in c.Model.Masters)
        {
            if (!m.Available || m.RemoteProcessor) continue;
            if (m.Translation.Outcome == TranslationOutcome.Invalid) continue; // dma-ranges-invalid says it already
            var ram = RamCells(c, m);
            if (ram.Count == 0 || ram.Any(x => x.Reach != ReachKind.Unreachable)) continue;
            if (ReachesOwnCarveOut(c, m)) continue;
            c.Report(m.Path, Property(c, m), $"no RAM ({Ranges(c.Model.Memory)}) is reachable through {Via(m)}: {ram[0].Detail}");
        }
    }

    /// <summary>A master without translation that reaches only part of RAM: the probe had some buffers bounced.</summary>
    public static void PartialRam(LintContext c)
    {
        foreach (var m in c.Model.Masters)
        {
            if (!m.Available || m.RemoteProcessor) continue;
            var ram = RamCells(c, m);
            if (!ram.Any(x => x.Reach == ReachKind.Direct) || !ram.Any(x => x.Reach == ReachKind.Bounced)) continue;
            c.Report(m.Path, Property(c, m),
                $"reaches only {Ranges(m.ReachableRam)} of RAM {Ranges(c.Model.Memory)} through {Via(m)}: buffers elsewhere bounce through swiotlb");
        }
    }

    /// <summary>An untranslated master on a board that uses IOMMUs reaches no-map (firmware, secure) memory in the probe.</summary>
    public static void ReachesNoMap(LintContext c)
    {
        var noMap = c.Model.Reserved.Where(r => r.NoMap && r.Ranges.Count > 0).ToList();
        if (noMap.Count == 0 || !c.Model.Masters.Any(IsTranslated)) return;
        foreach (var m in c.Model.Masters)
        {
            if (!m.Available || IsTranslated(m)) continue;
            if (m.Kind is MasterKind.PseriesPe or MasterKind.PseriesVio || m.RemoteProcessor) continue;
            foreach (var r in noMap)
            {
                if (m.MemoryRegions.Contains(r.Path)) continue; // its own carve-out
                var hit = c.ProbeCells(m.Path).FirstOrDefault(x => x.Region.Kind == ProbeRegionKind.Reserved && x.Region.Name == r.Path && x.Reach == ReachKind.Direct);
                if (hit == null) continue;
                c.Report(m.Path, Property(c, m),
                    $"DMA without IOMMU ({Why(m)}) can reach no-map region {r.Path} at 0x{hit.Address:x} ({hit.Detail})", r.Path);
                break;
            }
        }
    }

    private static List<ProbeCell> RamCells(LintContext c, DmaMaster m) =>
        c.ProbeCells(m.Path).Where(x => x.Region.Kind == ProbeRegionKind.Ram && x.Reach != ReachKind.NotSimulated).ToList();

    /// <summary>R05: identity-mapped IOVA ranges must point at memory that exists.</summary>
    public static void IdentityOutsideMemory(LintContext c)
    {
        // Reserved-memory regions carve RAM, so the identity range must be RAM itself.
        var known = c.Model.Memory;
        foreach (var m in c.Model.Masters)
            foreach (var r in m.IovaReservations)
            {
                if (!r.Direct || known.Any(k => k.Start <= r.Iova.Start && r.Iova.End <= k.End)) continue;
                c.Report(r.RegionPath, "reg", $"identity mapping {r.Iova} for {m.Path} points outside RAM", m.Path);
            }
    }

    /// <summary>R06: the IOMMU's own table walks must reach RAM through its parent's <c>dma-ranges</c>.</summary>
    public static void WalkUnreachable(LintContext c)
    {
        if (c.Model.Memory.Count == 0) return;
        foreach (var inst in c.Model.Instances)
        {
            if (!inst.Available || inst.OwnTranslation is not { Outcome: TranslationOutcome.Ranges } t) continue;
            var reach = false;
            foreach (var r in t.Regions)
            {
                if (r.Size == 0) break;
                if (AddressRange.FromSize(r.CpuStart, r.Size) is { } cpu && c.Model.Memory.Any(x => x.Intersect(cpu) != null)) reach = true;
            }
            if (reach) continue;
            c.Report(t.RangesNode ?? inst.Path, t.RangesNode != null ? "dma-ranges" : null,
                $"the page-table walks of {inst.Path} cannot reach RAM ({Ranges(c.Model.Memory)}) through these dma-ranges", inst.Path);
        }
    }

    // A master whose buffers come from its own memory-region carve-out needs only that carve-out.
    private static bool ReachesOwnCarveOut(LintContext c, DmaMaster m)
    {
        foreach (var path in m.MemoryRegions)
            foreach (var r in c.Model.Reserved)
                if (r.Path == path && r.Ranges.Any(x => CpuReach(m, x) != null)) return true;
        return false;
    }

    private static AddressRange? CpuReach(DmaMaster m, AddressRange target)
    {
        var t = m.Translation;
        if (t.Outcome == TranslationOutcome.NoConstraint) return target;
        if (t.Outcome == TranslationOutcome.Invalid) return null;
        foreach (var r in t.Regions)
        {
            if (r.Size == 0) break;
            if (AddressRange.FromSize(r.CpuStart, r.Size) is { } cpu && cpu.Intersect(target) is { } x) return x;
        }
        return null;
    }

    private static bool IsTranslated(DmaMaster m) => m.State is IommuState.Translated or IommuState.Partial;

    private static string Why(DmaMaster m) => m.State switch
    {
        IommuState.IommuDisabled => "its IOMMU is disabled",
        IommuState.NoDriver => "its IOMMU has no driver",
        IommuState.DriverConflict => "its iommus mix drivers",
        IommuState.ParseError => "its IOMMU description does not parse",
        IommuState.Bypass => "its RID bypasses the iommu-map",
        _ => "no iommus",
    };

    private static string Via(DmaMaster m) =>
        m.Translation.RangesNode != null ? "the dma-ranges of " + m.Translation.RangesNode
        : IsTranslated(m) ? "its IOMMU's parent bus" : "its bus";

    private static string? Property(LintContext c, DmaMaster m) =>
        c.FindNode(m.Path) is { } n ? (n.GetProperty("iommus") != null ? "iommus" : n.GetProperty("iommu-map") != null ? "iommu-map" : null) : null;

    private static string Ranges(IEnumerable<AddressRange> ranges) => string.Join(", ", ranges.Select(r => r.ToString()));
}
