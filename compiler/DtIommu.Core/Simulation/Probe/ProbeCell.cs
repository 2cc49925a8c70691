namespace DtIommu.Simulation.Probe;

/// <summary>One cell of the reachability matrix: a master's access to one address of one region.</summary>
/// <param name="Master">Master node path.</param>
/// <param name="Region">The region aimed at.</param>
/// <param name="Address">The CPU physical address probed.</param>
/// <param name="Reach">How it ended.</param>
/// <param name="Detail">DMA address used, fault reason or why it failed.</param>
public sealed record ProbeCell(string Master, ProbeRegion Region, ulong Address, ReachKind Reach, string Detail)
{
    /// <summary>True when the device reaches the address without a bounce buffer.</summary>
    public bool Reaches => Reach is ReachKind.ThroughIommu or ReachKind.Direct;
}
