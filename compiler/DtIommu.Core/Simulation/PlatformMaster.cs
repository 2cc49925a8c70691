using DtIommu.Simulation.Groups;

namespace DtIommu.Simulation;

/// <summary>A master of a <see cref="SimulatedPlatform"/>: its IOMMU, its IDs, its PCI function and group.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Iommu">The IOMMU simulator it is behind.</param>
/// <param name="Sim">Its IDs as the IOMMU sees them.</param>
/// <param name="Pci">Its PCI function, for PCI masters.</param>
public sealed record PlatformMaster(string Name, IIommuSimulator Iommu, SimMaster Sim, PciFunction? Pci)
{
    /// <summary>The group it belongs to.</summary>
    public IommuGroup Group { get; internal set; } = null!;

    /// <summary>The IOMMU as its page-table base class, so that the replay's hot calls are direct rather than through the interface; null for TCE.</summary>
    internal CachingIommuSimulator? Caching { get; } = Iommu as CachingIommuSimulator;

    internal PlatformOutcome? LastOk { get; set; }

    internal uint LastOkDomain { get; set; }

    // The access detail "DOMAIN[, cached|, device TLB|, host IOMMU]" for the last domain, one string per variant.
    internal uint WhereDomain { get; set; } = uint.MaxValue - 1;

    internal string?[] Where { get; } = new string?[4];
}
