using DtIommu.Iommu.Model;

namespace DtIommu.Simulation.Probe;

/// <summary>What a probed memory region is.</summary>
public enum ProbeRegionKind
{
    /// <summary>A RAM range of <c>/memory</c>.</summary>
    Ram,
    /// <summary>A <c>/reserved-memory</c> child.</summary>
    Reserved,
    /// <summary>The DMA buffer the probe gave another master.</summary>
    Buffer,
}

/// <summary>One memory region the probe aims accesses at.</summary>
/// <param name="Kind">RAM, reserved region or another master's buffer.</param>
/// <param name="Name">The range for RAM, the node path for reserved regions, the owning master for buffers.</param>
/// <param name="Range">Its CPU physical range.</param>
public sealed record ProbeRegion(ProbeRegionKind Kind, string Name, AddressRange Range);
