namespace DtIommu.Simulation;

/// <summary>Outcome of a simulator operation other than a DMA access: success or the reason the hardware or driver refuses.</summary>
public enum SimStatus
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>A name is already used.</summary>
    DuplicateName,
    /// <summary>The master is not known to this IOMMU.</summary>
    UnknownMaster,
    /// <summary>The master is attached to no domain.</summary>
    NotAttached,
    /// <summary>The domain does not exist or cannot exist on this IOMMU.</summary>
    UnknownDomain,
    /// <summary>Address or size is not a multiple of the page size.</summary>
    Misaligned,
    /// <summary>Zero-length range.</summary>
    EmptyRange,
    /// <summary>A mapping with neither read nor write permission.</summary>
    NoPermission,
    /// <summary>The address range wraps around the 64-bit space.</summary>
    RangeOverflow,

    /// <summary>pSeries H_PARAMETER: the I/O bus address is outside the LIOBN's window or misaligned.</summary>
    TceParameter,
    /// <summary>pSeries: no window has this LIOBN.</summary>
    TceUnknownLiobn,
    /// <summary>pSeries: the device belongs to another partitionable endpoint.</summary>
    TceWrongPe,
    /// <summary>pSeries: the PE has no <c>ibm,ddw-applicable</c>.</summary>
    DdwNotApplicable,
    /// <summary>pSeries: no window is available and the default window cannot be removed.</summary>
    DdwNoWindowAvailable,
    /// <summary>pSeries: the requested window exceeds the largest available block.</summary>
    DdwTooLarge,
    /// <summary>pSeries: the PE supports no page size the request allows.</summary>
    DdwPageSizeUnsupported,

    /// <summary>IOVA range outside the IOMMU's aperture.</summary>
    OutsideAperture,
    /// <summary>Single active domain (GART-like): another domain is refused with -EBUSY.</summary>
    DomainBusy,

    /// <summary>SMMU: stream ID has bits outside the implemented stream ID width.</summary>
    StreamIdOutOfRange,
    /// <summary>SMMUv2: SMR mask has bits outside the implemented width.</summary>
    SmrMaskOutOfRange,
    /// <summary>SMMUv2: the SMR partially overlaps an existing one (-EINVAL).</summary>
    SmrOverlap,
    /// <summary>SMMUv2: no free stream match register (-ENOSPC).</summary>
    NoFreeSmr,
    /// <summary>SMMUv2: no free context bank.</summary>
    NoFreeContextBank,
    /// <summary>SMMUv2: the master's stream map entries belong to two different groups (-EINVAL).</summary>
    MasterInTwoGroups,
    /// <summary>SMMUv3: the stream ID is already used by another master (-EINVAL).</summary>
    DuplicateStreamId,

    /// <summary>VT-d: domain ID 0 is reserved.</summary>
    ReservedDomainId,
    /// <summary>VT-d: the IOVA is beyond the domain's address width.</summary>
    BeyondAddressWidth,
    /// <summary>VT-d: source ID is not a 16-bit bus:devfn.</summary>
    BadSourceId,

    /// <summary>The PCI function does not fit the topology (duplicate address, orphan bus, bridge without a bus).</summary>
    InvalidTopology,
    /// <summary>The parameters describe no real hardware.</summary>
    InvalidConfiguration,
    /// <summary>No IOMMU has that name.</summary>
    UnknownIommu,
    /// <summary>The IOMMU has no invalidation of that kind.</summary>
    InvalidationNotSupported,
    /// <summary>io-pgtable-arm: the range holds a live leaf; unmap it first (-EEXIST).</summary>
    AlreadyMapped,
    /// <summary>Rockchip/Exynos: the range holds a valid entry (-EADDRINUSE).</summary>
    AddressInUse,
    /// <summary>VT-d: an unmap starting inside a superpage, which intel_iommu_unmap cannot do.</summary>
    PartialSuperpage,
    /// <summary>The domain type is not offered by this driver or hardware (identity without pass-through, ...).</summary>
    DomainTypeUnsupported,
    /// <summary>The operation needs a paging domain (iommu_map on an identity domain is -EINVAL).</summary>
    NotPagingDomain,
    /// <summary>The IOMMU or master has no ATS / device-TLB support.</summary>
    NoAts,
    /// <summary>A group member could not follow the group to the domain; the group stayed where it was.</summary>
    GroupAttachFailed,
}
