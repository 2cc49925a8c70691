using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>The bodies of the isolation rules that compare masters' IDs and contexts.</summary>
internal static class IsolationChecks
{
    /// <summary>I01/I06: two masters with the same exact ID on an IOMMU without stream matching.</summary>
    public static void SharedStreamId(LintContext c) => Pairs(c, smr: false, (a, b) => true,
        (a, b) => $"ID {Common(a, b)} on {a.Instance.Path} is also used by {a.MasterPath} ({a.Property}): both share one translation context");

    /// <summary>I02/I04: on SMMUv2, one master's SMR covers another's ID: the driver puts them in one group.</summary>
    public static void SmrOverlap(LintContext c) => Pairs(c, smr: true, (a, b) => a.Covers(b) || b.Covers(a) || (a.Mask == 0 && b.Mask == 0),
        (a, b) => $"stream {b.Text} on {a.Instance.Path} matches the stream {a.Text} of {a.MasterPath}: the SMMU forces both into one group and context");

    /// <summary>I03: on SMMUv2, SMRs that partly overlap are refused by the driver.</summary>
    public static void SmrPartialOverlap(LintContext c) => Pairs(c, smr: true, (a, b) => !(a.Covers(b) || b.Covers(a) || (a.Mask == 0 && b.Mask == 0)),
        (a, b) => $"stream {b.Text} on {a.Instance.Path} partly overlaps the stream {a.Text} of {a.MasterPath}: arm-smmu refuses conflicting SMRs (-EINVAL)");

    private static void Pairs(LintContext c, bool smr, System.Func<StreamIdClaim, StreamIdClaim, bool> select,
        System.Func<StreamIdClaim, StreamIdClaim, string> message)
    {
        var claims = StreamIdClaim.Collect(c.Model);
        var byInstance = claims.GroupBy(x => x.Instance.Path);
        foreach (var group in byInstance)
        {
            var list = group.ToList();
            if (StreamIdClaim.IsSmrMatching(list[0].Instance) != smr) continue;
            var reported = new HashSet<string>();
            for (var i = 0; i < list.Count; i++)
                for (var j = 0; j < i; j++)
                {
                    var a = list[j];
                    var b = list[i];
                    if (a.MasterPath == b.MasterPath || !a.Intersects(b) || !select(a, b)) continue;
                    // The simulated IOMMU decides: the pair is a finding only when booting it merged or refused them.
                    if (!c.ProbeJoinsOrRefuses(a.MasterPath, b.MasterPath)) continue;
                    if (!reported.Add(a.MasterPath + "\u0000" + b.MasterPath)) continue;
                    c.Report(b.MasterPath, b.Property, message(a, b), a.MasterPath);
                }
        }
    }

    private static string Common(StreamIdClaim a, StreamIdClaim b)
    {
        var first = a.First > b.First ? a.First : b.First;
        var last = a.Last < b.Last ? a.Last : b.Last;
        return first == last ? IovaRules.Hex(first) : IovaRules.Hex(first) + "-" + IovaRules.Hex(last);
    }

    /// <summary>I05: an <c>iommu-map</c> that folds several RIDs onto one ID (mask or overlapping outputs).</summary>
    public static void MapMergesRids(LintContext c)
    {
        foreach (var m in c.Model.Masters)
        {
            if (m.Kind != MasterKind.PciHostBridge || !m.Available) continue;
            var translated = m.RidRanges.Where(r => r.Outcome == RidOutcome.Translated).ToList();
            var reported = false;
            foreach (var r in translated)
            {
                var outSpan = r.LastId >= r.FirstId ? r.LastId - r.FirstId : r.FirstId - r.LastId;
                if (outSpan == r.Last - r.First) continue;
                c.Report(m.Path, c.FindNode(m.Path)?.GetProperty("iommu-map-mask") != null ? "iommu-map-mask" : "iommu-map",
                    $"RIDs 0x{r.First:x4}-0x{r.Last:x4} map onto {outSpan + 1} ID(s) on {r.IommuPath}: the functions behind them share a context");
                reported = true;
                break;
            }
            if (reported) continue;
            for (var i = 0; i < translated.Count && !reported; i++)
                for (var j = 0; j < i; j++)
                {
                    var a = translated[j];
                    var b = translated[i];
                    if (a.IommuPath != b.IommuPath || a.EntryIndex == b.EntryIndex) continue;
                    var aLo = System.Math.Min(a.FirstId, a.LastId); var aHi = System.Math.Max(a.FirstId, a.LastId);
                    var bLo = System.Math.Min(b.FirstId, b.LastId); var bHi = System.Math.Max(b.FirstId, b.LastId);
                    if (aLo > bHi || bLo > aHi) continue;
                    c.Report(m.Path, "iommu-map",
                        $"iommu-map entries {a.EntryIndex} (RIDs 0x{a.First:x4}-0x{a.Last:x4}) and {b.EntryIndex} (RIDs 0x{b.First:x4}-0x{b.Last:x4}) produce the same IDs on {a.IommuPath}: those devices share a context");
                    reported = true;
                    break;
                }
        }
    }

    /// <summary>I12: masters behind a single-context IOMMU share one address space.</summary>
    public static void SharedSingleContext(LintContext c)
    {
        foreach (var inst in c.Model.Instances)
        {
            if (inst.Binding == null || inst.Masters.Count < 2 || inst.Liobn != null) continue;
            if (inst.Binding.HasQuirk(BindingQuirks.SingleMaster) || !inst.Binding.HasQuirk(BindingQuirks.SharedContext)) continue;
            c.Report(inst.Path, null,
                $"{inst.Masters.Count} masters share the translation domain of {inst.Path} ({inst.Binding.Name}{(inst.Binding.Name.Contains("multi-region") ? ", one domain per IOVA region" : "")}) by design: {string.Join(", ", inst.Masters)}",
                inst.Masters.Take(4).ToArray());
        }
    }

    /// <summary>I14: the PCI functions below one pSeries PE share its TCE table.</summary>
    public static void SharedTceTable(LintContext c)
    {
        foreach (var m in c.Model.Masters)
        {
            if (m.Kind != MasterKind.PseriesPe || m.Functions.Count < 2) continue;
            c.Report(m.Path, "ibm,dma-window",
                $"{m.Functions.Count} PCI functions share the TCE table (LIOBN {IovaRules.Hex(m.Liobn ?? 0)}) of this PE: {string.Join(", ", m.Functions.Select(f => f.Path))}",
                m.Functions.Take(4).Select(f => f.Path).ToArray());
        }
    }
}
