using System.Collections.Generic;
using DtIommu.Simulation.Groups;

namespace DtIommu.Simulation;

/// <summary>How to add a master to a <see cref="SimulatedPlatform"/>.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Iommu">Name of the IOMMU it is behind.</param>
/// <param name="StreamIds">Stream IDs / source IDs for non-PCI masters (none for single-master IOMMUs).</param>
/// <param name="StreamMask">SMMUv2 SMR mask.</param>
/// <param name="Pci">The master's PCI function: its requester ID and DMA aliases then come from the topology.</param>
/// <param name="Liobn">pSeries: the default-window LIOBN of its PE.</param>
/// <param name="GroupWith">A master of the same IOMMU whose group this one joins (driver grouping rules), or null.</param>
/// <param name="Ats">PCI ATS enabled (device TLB).</param>
/// <param name="Virtual">Emulated or assigned device behind a virtual IOMMU.</param>
public sealed record MasterSpec(string Name, string Iommu, IReadOnlyList<uint>? StreamIds = null, uint StreamMask = 0, PciFunction? Pci = null, uint Liobn = 0, string? GroupWith = null, bool Ats = false, VirtualDevice Virtual = VirtualDevice.None);
