namespace DtIommu.Simulation.Vtd;

/// <summary>Capability subset of one VT-d remapping unit (CAP/ECAP fields) plus the driver's unmap policy.</summary>
/// <param name="CachingMode">CAP.CM: not-present entries may be cached, so every change needs an invalidation.</param>
/// <param name="StrictUnmap">Invalidate on every unmap; otherwise unmaps are queued and flushed per domain when the queue fills. Caching mode forces strict.</param>
/// <param name="NumDomains">CAP.ND as a count: 2^(4+2·ND) = 16, 64, 256, ... 65536.</param>
/// <param name="AddressWidth">Adjusted guest address width of the domains: 39, 48 or 57 bits (3-, 4-, 5-level tables).</param>
/// <param name="Mgaw">CAP.MGAW: accesses above it fault with reason 4.</param>
/// <param name="PageSelectiveInvalidation">CAP.PSI; without it page-selective requests become domain-selective.</param>
/// <param name="MaxAddressMask">CAP.MAMV: largest address mask of a page-selective invalidation.</param>
/// <param name="FlushQueueSize">Slots of each domain's deferred-unmap ring (IOVA ranges, not pages; IOVA_DEFAULT_FQ_SIZE = 256): it flushes the domain when full.</param>
/// <param name="IotlbSets">IOTLB sets (power of two).</param>
/// <param name="IotlbWays">IOTLB ways per set.</param>
/// <param name="ContextCacheSize">Context-cache entries (power of two).</param>
/// <param name="SuperpageLevels">CAP.SLLPS as a count of superpage levels: 0 none, 1 2 MiB, 2 2 MiB and 1 GiB (domain_update_iommu_superpage).</param>
/// <param name="PassThrough">ECAP.PT: context entries can pass DMA through untranslated (TT=10b); without it device_def_domain_type forces DMA domains.</param>
/// <param name="DeviceTlb">ECAP.DT: device-TLB (ATS) invalidation is supported, so ATS masters may cache translations.</param>
public sealed record VtdConfig(
    bool CachingMode = false,
    bool StrictUnmap = true,
    int NumDomains = 256,
    int AddressWidth = 48,
    int Mgaw = 48,
    bool PageSelectiveInvalidation = true,
    int MaxAddressMask = 9,
    int FlushQueueSize = 256,
    int IotlbSets = 1024,
    int IotlbWays = 4,
    int ContextCacheSize = 256,
    int SuperpageLevels = 2,
    bool PassThrough = true,
    bool DeviceTlb = true) : IommuConfig
{
    /// <inheritdoc/>
    public override string Kind => "vtd";

    /// <inheritdoc/>
    public override string? Validate()
    {
        bool ndOk = false;
        for (int nd = 0; nd <= 6; nd++) ndOk |= NumDomains == 1 << (4 + 2 * nd);
        if (!ndOk) return $"domains={NumDomains} is not 2^(4+2*ND): use 16, 64, 256, 1024, 4096, 16384 or 65536";
        if (AddressWidth != 39 && AddressWidth != 48 && AddressWidth != 57) return $"aw={AddressWidth}: the adjusted guest address width must be 39, 48 or 57";
        if (Mgaw < 12 || Mgaw > 64) return $"mgaw={Mgaw} is out of range";
        if (MaxAddressMask < 0 || MaxAddressMask > 63) return $"max-amask={MaxAddressMask} is out of range";
        if (FlushQueueSize < 2) return "flush-queue must be at least 2 (one ring slot always stays empty)";
        if (IotlbSets < 1 || (IotlbSets & (IotlbSets - 1)) != 0 || IotlbWays < 1 || IotlbWays > 255) return "IOTLB geometry must be a power-of-two set count and 1..255 ways";
        if (SuperpageLevels < 0 || SuperpageLevels > 2) return $"sllps={SuperpageLevels}: 0 (4 KiB only), 1 (2 MiB) or 2 (2 MiB and 1 GiB)";
        if (ContextCacheSize < 1 || (ContextCacheSize & (ContextCacheSize - 1)) != 0) return "context cache size must be a power of two";
        return null;
    }

    /// <inheritdoc/>
    public override IIommuSimulator CreateSimulator(string name) => new VtdSimulator(name, this);
}
