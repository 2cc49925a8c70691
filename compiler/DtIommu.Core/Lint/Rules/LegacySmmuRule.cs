using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>S16: arm-smmu probes only if every SMMU uses one binding style (legacy <c>mmu-masters</c> or generic <c>iommus</c>).</summary>
internal static class LegacySmmuRule
{
    public static void Check(LintContext c)
    {
        var generic = new List<string>();
        foreach (var m in c.Model.Masters)
            if (m.Attachments.Any(a => a.BindingName == "arm-smmu" && a.Rid == null)) generic.Add(m.Path);
        if (generic.Count == 0) return;
        foreach (var inst in c.Model.Instances)
        {
            if (inst.Binding?.Name != "arm-smmu") continue;
            if (c.FindNode(inst.Path)?.GetProperty("mmu-masters") == null) continue;
            c.Report(inst.Path, "mmu-masters",
                $"legacy \"mmu-masters\" on {inst.Path} while {generic[0]}{(generic.Count > 1 ? $" and {generic.Count - 1} other master(s)" : "")} use generic \"iommus\" on arm,smmu: the driver refuses to probe (\"not probing due to mismatched DT properties\")",
                generic.Take(4).ToArray());
        }
    }
}
