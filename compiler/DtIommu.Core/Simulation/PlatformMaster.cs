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
}
