using System.Collections.Generic;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>
/// One master's claim on an IOMMU's ID space: an inclusive ID run (<c>iommus</c> ID or translated RID run) with an
/// SMR-style mask whose set bits are "don't care" (0 for exact IDs).
/// </summary>
internal sealed record StreamIdClaim(string MasterPath, string Property, IommuInstance Instance, ulong First, ulong Last, ulong Mask, int MapEntry)
{
    /// <summary>True when some ID matches both claims.</summary>
    public bool Intersects(StreamIdClaim o)
    {
        if (Mask == 0 && o.Mask == 0) return First <= o.Last && o.First <= Last;
        return ((First ^ o.First) & ~(Mask | o.Mask)) == 0;
    }

    /// <summary>True when every ID of <paramref name="o"/> also matches this claim (SMR semantics).</summary>
    public bool Covers(StreamIdClaim o) => (o.Mask & ~Mask) == 0 && ((First ^ o.First) & ~Mask) == 0 && First == Last && o.First == o.Last;

    /// <summary>The IDs as text.</summary>
    public string Text => (First == Last ? IovaRules.Hex(First) : IovaRules.Hex(First) + "-" + IovaRules.Hex(Last)) +
        (Mask != 0 ? " mask " + IovaRules.Hex(Mask) : "");

    /// <summary>Every claim of every master, in model order, on instances that give masters their own contexts.</summary>
    public static List<StreamIdClaim> Collect(IommuModel model)
    {
        var claims = new List<StreamIdClaim>();
        foreach (var m in model.Masters)
        {
            if (!m.Available) continue;
            foreach (var a in m.Attachments)
            {
                if (a.State != AttachmentState.Active || a.IommuPath == null || a.Rid != null) continue;
                if (model.FindInstance(a.IommuPath) is not { } inst || !HasPerMasterContexts(inst)) continue;
                if (a.PrimaryId is not { } id) continue;
                ulong mask = 0;
                foreach (var f in a.Fields) if (f.Role == FieldRole.Mask) mask = f.Value;
                claims.Add(new StreamIdClaim(m.Path, "iommus", inst, id, id, mask, -1));
            }
            foreach (var r in m.RidRanges)
            {
                if (r.Outcome != RidOutcome.Translated || r.IommuPath == null) continue;
                if (model.FindInstance(r.IommuPath) is not { } inst || !HasPerMasterContexts(inst)) continue;
                var first = r.FirstId < r.LastId ? r.FirstId : r.LastId;
                var last = r.FirstId < r.LastId ? r.LastId : r.FirstId;
                claims.Add(new StreamIdClaim(m.Path, "iommu-map", inst, first, last, 0, r.EntryIndex));
            }
        }
        return claims;
    }

    /// <summary>Single-context IOMMUs share one domain by design; their sharing is reported by other rules.</summary>
    public static bool HasPerMasterContexts(IommuInstance inst) =>
        inst.Binding != null && !inst.Binding.HasQuirk(BindingQuirks.SharedContext) && !inst.Binding.HasQuirk(BindingQuirks.SingleMaster);

    /// <summary>True for instances with SMMUv2 stream matching (masks, SMR groups).</summary>
    public static bool IsSmrMatching(IommuInstance inst) => inst.SimulatorKind == "smmu-v2";
}
