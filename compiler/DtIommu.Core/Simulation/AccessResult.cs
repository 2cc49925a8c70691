namespace DtIommu.Simulation;

/// <summary>Result of one DMA access: allowed with its physical address, or faulted with the hardware reason.</summary>
/// <param name="Fault">The fault, or <see cref="FaultCode.None"/> when the access was allowed.</param>
/// <param name="PhysicalAddress">Physical address reached when allowed.</param>
/// <param name="Domain">Domain (DID, context, LIOBN, ...) that translated, when one was found.</param>
/// <param name="CacheHit">The leaf translation came from the IOTLB/TLB rather than a table walk.</param>
/// <param name="Stale">A cached entry disagreed with the in-memory tables: the result depends on a missing invalidation.</param>
/// <param name="Bypass">The access was not translated (pass-through / bypass configuration).</param>
/// <param name="Via">Which structure decided it (IOMMU, device TLB, host shadow, emulated walk).</param>
public readonly record struct AccessResult(FaultCode Fault, ulong PhysicalAddress, uint Domain, bool CacheHit, bool Stale, bool Bypass, AccessVia Via = AccessVia.Iommu)
{
    /// <summary>True when the access reached memory.</summary>
    public bool Allowed => !Fault.IsFault;

    /// <summary>An allowed access.</summary>
    public static AccessResult Ok(ulong physical, uint domain, bool cacheHit, bool stale) => new(FaultCode.None, physical, domain, cacheHit, stale, false);

    /// <summary>A faulted access.</summary>
    public static AccessResult Faulted(FaultCode fault, uint domain = 0, bool cacheHit = false, bool stale = false) => new(fault, 0, domain, cacheHit, stale, false);
}
