namespace DtIommu.Simulation;

/// <summary>What sits behind a virtual IOMMU's (CM=1) source ID: it decides what an unflushed map does.</summary>
public enum VirtualDevice : byte
{
    /// <summary>Hardware, or no claim: the unit behaves as the VT-d specification allows (not-present entries may be cached).</summary>
    None,
    /// <summary>A device QEMU emulates: every miss walks the guest tables and only successful translations are cached (vtd_do_iommu_translate).</summary>
    Emulated,
    /// <summary>A host device assigned with VFIO: it reaches memory through the host IOMMU, which holds only what the guest's invalidations told QEMU to shadow.</summary>
    Assigned,
}
