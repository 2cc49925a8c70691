namespace DtIommu.Simulation;

/// <summary>Which structure decided an access, beyond the IOMMU's own walk and IOTLB.</summary>
public enum AccessVia : byte
{
    /// <summary>The IOMMU: its IOTLB or a walk of the tables.</summary>
    Iommu,
    /// <summary>The master's own ATS translation cache (device TLB / ATC).</summary>
    DeviceTlb,
    /// <summary>The host IOMMU's shadow of the guest tables (assigned device behind a vIOMMU).</summary>
    HostShadow,
    /// <summary>An emulated device's walk of the guest tables that found a mapping the guest never invalidated (CM=1 spec violation QEMU tolerates).</summary>
    EmulatedWalk,
}
