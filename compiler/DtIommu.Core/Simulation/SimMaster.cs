using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>A DMA master as one IOMMU sees it: its IDs, never its device-tree node.</summary>
/// <param name="Name">Unique master name.</param>
/// <param name="SourceIds">Every ID the IOMMU must be programmed for: stream IDs, or the PCI requester ID and its DMA aliases.</param>
/// <param name="WireSourceId">The ID its transactions carry on the wire (a PCIe-to-PCI bridge replaces the RID with its own alias).</param>
/// <param name="StreamMask">SMMUv2 SMR mask applied to every stream ID (bits that do not have to match).</param>
/// <param name="Liobn">pSeries: LIOBN of the default window of the master's PE; 0 elsewhere.</param>
/// <param name="Ats">PCI ATS is enabled: the master caches translations in its own device TLB.</param>
/// <param name="Virtual">Behind a virtual IOMMU: an emulated or an assigned (VFIO) device.</param>
public sealed record SimMaster(string Name, IReadOnlyList<uint> SourceIds, uint WireSourceId, uint StreamMask = 0, uint Liobn = 0, bool Ats = false, VirtualDevice Virtual = VirtualDevice.None)
{
    /// <summary>A master with one ID that is also its wire ID.</summary>
    public static SimMaster Single(string name, uint sourceId, uint streamMask = 0) => new(name, [sourceId], sourceId, streamMask);
}
