using System.Collections.Generic;

namespace DtIommu.Simulation.Probe;

/// <summary>What the boot probe found: the groups and the reachability matrix, as plain data for lint and <c>model</c>.</summary>
/// <param name="Groups">Groups as the simulators formed them.</param>
/// <param name="Regions">Every region probed.</param>
/// <param name="Cells">Master × address results, master by master.</param>
/// <param name="Notes">How the platform was built (simulated IOMMUs, refused masters).</param>
/// <param name="Refused">The masters an IOMMU refused at probe, with the note saying why.</param>
public sealed record BootProbeResult(IReadOnlyList<ProbeGroup> Groups, IReadOnlyList<ProbeRegion> Regions, IReadOnlyList<ProbeCell> Cells,
    IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Refused)
{
    /// <summary>The group holding <paramref name="master"/>, or null when it is not behind a simulated IOMMU.</summary>
    public ProbeGroup? GroupOf(string master)
    {
        foreach (var g in Groups) foreach (var m in g.Members) if (m == master) return g;
        return null;
    }
}
