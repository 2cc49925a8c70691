using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Simulation.Probe;

namespace DtIommu.Tests.Simulation.Probe;

/// <summary>
/// Compares the boot probe with the model's static answers: RAM reachability against <c>ReachableRam</c>, and
/// grouping against the groups the model implies (shared-context / single-master bindings share one group per
/// instance, a pSeries PE is one group, masters whose IDs coincide share one, the rest are alone).
/// </summary>
internal sealed class ProbeCrossCheck
{
    public int Masters, Groups, Regions, Cells, Agreeing, NotSimulated, Pairs, PairsAgreeing;
    public List<string> Disagreements { get; } = [];

    /// <summary>
    /// Disagreements whose cause is known to lie in the static model, reported to its owner and counted apart:
    /// "refused" — the IOMMU driver refuses the master at probe (ID wider than the SMMU, SMMUv3 SID already taken,
    /// partial SMR overlap), so its stream matches no context and aborts, while the model counts it translated;
    /// "driver group" — the driver groups per instance (generic_single_device_group, MediaTek regions), which the
    /// model's quirks do not say.
    /// </summary>
    public Dictionary<string, List<string>> KnownModelGaps { get; } = new() { ["refused"] = [], ["driver group"] = [] };

    public void Check(string board, IommuModel model)
    {
        var result = BootProbe.Run(model);
        Masters += model.Masters.Count(m => m.Available);
        Groups += result.Groups.Count;
        Regions += result.Regions.Count;
        foreach (var c in result.Cells.Where(c => c.Region.Kind == ProbeRegionKind.Ram))
        {
            Cells++;
            if (c.Reach == ReachKind.NotSimulated) { NotSimulated++; continue; }
            var m = model.FindMaster(c.Master)!;
            bool stat = m.ReachableRam.Any(r => r.Contains(c.Address));
            if (stat == c.Reaches) { Agreeing++; continue; }
            if (c.Detail.StartsWith("the IOMMU refused the master at probe", StringComparison.Ordinal))
            {
                KnownModelGaps["refused"].Add($"{board}: {c.Master}");
                continue;
            }
            Disagreements.Add($"{board}: {c.Master} RAM 0x{c.Address:x} ({c.Region.Name}): static {(stat ? "reachable" : "not reachable")}, probe {c.Reach}: {c.Detail}");
        }
        var staticKey = StaticGroups(model);
        var probed = result.Groups.SelectMany(g => g.Members.Select(m => (m, g.Id))).ToDictionary(x => x.m, x => x.Id);
        var masters = probed.Keys.Where(staticKey.ContainsKey).OrderBy(k => k, StringComparer.Ordinal).ToList();
        for (int i = 0; i < masters.Count; i++)
            for (int j = 0; j < i; j++)
            {
                var (a, b) = (masters[j], masters[i]);
                Pairs++;
                bool s = staticKey[a] == staticKey[b], p = probed[a] == probed[b];
                if (s == p) { PairsAgreeing++; continue; }
                if (p && DtIommu.Simulation.DriverGrouping.For(BindingOf(model, a)) == DtIommu.Simulation.GroupingRule.PerInstance)
                {
                    KnownModelGaps["driver group"].Add($"{board}: {a} + {b} ({BindingOf(model, a)})");
                    continue;
                }
                Disagreements.Add($"{board}: {a} and {b}: static {(s ? "one group" : "separate groups")}, probe {(p ? "one group" : "separate groups")}");
            }
    }

    private static string? BindingOf(IommuModel model, string master) =>
        model.FindMaster(master)?.Attachments.FirstOrDefault(a => a.State == AttachmentState.Active)?.BindingName;

    private static Dictionary<string, string> StaticGroups(IommuModel model)
    {
        var key = new Dictionary<string, string>();
        var claims = new List<(string Master, string Iommu, ulong Id, ulong Mask)>();
        foreach (var m in model.Masters)
        {
            if (!m.Available || m.State is not (IommuState.Translated or IommuState.Partial)) continue;
            if (m.Liobn is uint liobn) { key[m.Path] = $"pe 0x{liobn:x}"; continue; }
            var a = m.Attachments.FirstOrDefault(x => x.State is AttachmentState.Active or AttachmentState.AttributedToFirstInstance && x.IommuPath != null);
            if (a == null) continue;
            var inst = model.FindInstance(a.IommuPath!);
            if (inst?.Binding is { } bd && (bd.HasQuirk(BindingQuirks.SharedContext) || bd.HasQuirk(BindingQuirks.SingleMaster)))
            {
                key[m.Path] = "instance " + a.IommuPath;
                continue;
            }
            ulong mask = a.Fields.FirstOrDefault(f => f.Role == FieldRole.Mask)?.Value ?? 0;
            claims.Add((m.Path, a.IommuPath!, a.PrimaryId ?? a.Rid ?? 0, mask));
        }
        // Masters whose stream (ID under its SMR mask) covers another's share a group, as arm_smmu_find_sme reuses the entry.
        var parent = claims.ToDictionary(c => c.Master, c => c.Master);
        string Find(string x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int i = 0; i < claims.Count; i++)
            for (int j = 0; j < i; j++)
            {
                var (x, y) = (claims[i], claims[j]);
                if (x.Iommu != y.Iommu) continue;
                bool covers = ((x.Id ^ y.Id) & ~(x.Mask | y.Mask)) == 0 && ((y.Mask & ~x.Mask) == 0 || (x.Mask & ~y.Mask) == 0);
                if (covers) parent[Find(x.Master)] = Find(y.Master);
            }
        foreach (var c in claims) key[c.Master] = "ids " + Find(c.Master);
        return key;
    }

    public string Summary() =>
        $"{Masters} masters, {Groups} groups, {Regions} regions; RAM cells {Agreeing}/{Cells - NotSimulated} agree ({NotSimulated} not simulated); " +
        $"group pairs {PairsAgreeing}/{Pairs} agree; {Disagreements.Count} disagreements; known model gaps: " +
        string.Join(", ", KnownModelGaps.Select(k => $"{k.Key} {k.Value.Distinct().Count()}"));
}
