namespace DtIommu.Simulation.Probe;

/// <summary>How one master's DMA to one memory address ends, as the boot probe observed it.</summary>
public enum ReachKind
{
    /// <summary>Mapped by the DMA API in the master's domain and reached through the IOMMU.</summary>
    ThroughIommu,
    /// <summary>Reached without translation (no IOMMU, identity domain, bypass), through <c>dma-ranges</c>.</summary>
    Direct,
    /// <summary>Not addressable by the device: the DMA API bounces it through the swiotlb pool.</summary>
    Bounced,
    /// <summary>Neither reachable nor bounceable: the mapping fails (window full, address not addressable, no pool).</summary>
    Unreachable,
    /// <summary>The access faulted in the IOMMU (nothing maps it in the master's domain).</summary>
    Faults,
    /// <summary>The master's IOMMU has no simulator: the probe could not tell.</summary>
    NotSimulated,
}
