namespace DtIommu.Simulation.SingleMaster;

/// <summary>Page faults of a single-master IOMMU (Rockchip, Exynos SysMMU, OMAP, ...).</summary>
public enum SingleMasterFaultKind
{
    /// <summary>No domain is attached (directory table not set).</summary>
    NoDomain = 1,
    /// <summary>The IOVA is outside the aperture.</summary>
    OutsideAperture = 2,
    /// <summary>No page is mapped there.</summary>
    PageNotPresent = 3,
    /// <summary>A write to a read-only page.</summary>
    WriteToReadOnly = 4,
    /// <summary>A read from a write-only page.</summary>
    ReadFromWriteOnly = 5,
}

/// <summary>Stable text for single-master faults.</summary>
public static class SingleMasterFaultText
{
    /// <summary>Text of a fault.</summary>
    public static string Text(SingleMasterFaultKind kind) => kind switch
    {
        SingleMasterFaultKind.NoDomain => "page fault: no domain attached",
        SingleMasterFaultKind.OutsideAperture => "page fault: address outside the aperture",
        SingleMasterFaultKind.PageNotPresent => "page fault: page not present",
        SingleMasterFaultKind.WriteToReadOnly => "page fault: write to read-only page",
        SingleMasterFaultKind.ReadFromWriteOnly => "page fault: read from write-only page",
        _ => "unknown fault",
    };

    /// <summary>A fault as a <see cref="FaultCode"/>.</summary>
    public static FaultCode Code(SingleMasterFaultKind kind) => new(FaultFamily.SingleMaster, (int)kind);
}
