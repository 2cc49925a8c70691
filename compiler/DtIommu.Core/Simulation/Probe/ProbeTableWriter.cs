using System.IO;
using System.Linq;

namespace DtIommu.Simulation.Probe;

/// <summary>Renders a <see cref="BootProbeResult"/> as text: the groups, then one line per master and region.</summary>
public static class ProbeTableWriter
{
    /// <summary>Writes the groups and the reachability matrix; a region whose probed addresses ended differently lists each.</summary>
    public static void Write(BootProbeResult result, TextWriter w)
    {
        w.Write("boot probe groups:\n");
        if (result.Groups.Count == 0) w.Write("  none\n");
        foreach (var g in result.Groups)
            w.Write($"  group {g.Id} on {g.Iommu} ({g.DomainType} domain {g.DefaultDomain}): {string.Join(", ", g.Members)}\n");
        w.Write("reachability (master -> region: result):\n");
        foreach (var byMaster in result.Cells.GroupBy(c => c.Master))
        {
            w.Write($"  {byMaster.Key}\n");
            foreach (var byRegion in byMaster.GroupBy(c => (c.Region.Kind, c.Region.Name)))
            {
                var kinds = byRegion.Select(c => c.Reach).Distinct().ToList();
                string what = byRegion.Key.Kind switch
                {
                    ProbeRegionKind.Ram => "RAM " + byRegion.Key.Name,
                    ProbeRegionKind.Reserved => "reserved " + byRegion.Key.Name,
                    _ => "buffer of " + byRegion.Key.Name,
                };
                string text = kinds.Count == 1
                    ? Name(kinds[0]) + (kinds[0] is ReachKind.ThroughIommu or ReachKind.Direct ? "" : $" ({byRegion.First().Detail})")
                    : string.Join(", ", byRegion.Select(c => $"0x{c.Address:x} {Name(c.Reach)}"));
                w.Write($"    {what}: {text}\n");
            }
        }
    }

    /// <summary>The word a result is printed as.</summary>
    public static string Name(ReachKind kind) => kind switch
    {
        ReachKind.ThroughIommu => "through-iommu",
        ReachKind.Direct => "direct",
        ReachKind.Bounced => "bounced",
        ReachKind.Unreachable => "unreachable",
        ReachKind.Faults => "faults",
        _ => "not-simulated",
    };
}
