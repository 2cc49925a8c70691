namespace DtIommu.Simulation;

/// <summary>Stable short text for each <see cref="SimStatus"/>, as replay reports print it.</summary>
public static class SimStatusText
{
    /// <summary>The text, e.g. <c>H_PARAMETER</c> or <c>SMR overlap (-EINVAL)</c>.</summary>
    public static string Describe(SimStatus status) => status switch
    {
        SimStatus.Ok => "ok",
        SimStatus.DuplicateName => "name already used",
        SimStatus.UnknownMaster => "unknown master",
        SimStatus.NotAttached => "not attached",
        SimStatus.UnknownDomain => "no such domain",
        SimStatus.Misaligned => "misaligned",
        SimStatus.EmptyRange => "empty range",
        SimStatus.NoPermission => "mapping without read or write permission",
        SimStatus.RangeOverflow => "range wraps around",
        SimStatus.TceParameter => "H_PARAMETER",
        SimStatus.TceUnknownLiobn => "H_PARAMETER (unknown LIOBN)",
        SimStatus.TceWrongPe => "device is in another PE",
        SimStatus.DdwNotApplicable => "DDW not applicable",
        SimStatus.DdwNoWindowAvailable => "no DMA window available",
        SimStatus.DdwTooLarge => "window larger than the largest block",
        SimStatus.DdwPageSizeUnsupported => "no supported DDW page size",
        SimStatus.OutsideAperture => "outside the aperture",
        SimStatus.DomainBusy => "another domain is active (-EBUSY)",
        SimStatus.StreamIdOutOfRange => "stream ID out of range",
        SimStatus.SmrMaskOutOfRange => "SMR mask out of range",
        SimStatus.SmrOverlap => "SMR overlap (-EINVAL)",
        SimStatus.NoFreeSmr => "no free SMR (-ENOSPC)",
        SimStatus.NoFreeContextBank => "no free context bank (-ENOSPC)",
        SimStatus.MasterInTwoGroups => "stream map entries in two groups (-EINVAL)",
        SimStatus.DuplicateStreamId => "duplicate stream ID (-EINVAL)",
        SimStatus.ReservedDomainId => "reserved domain ID",
        SimStatus.BeyondAddressWidth => "beyond the address width",
        SimStatus.BadSourceId => "bad source ID",
        SimStatus.InvalidTopology => "invalid PCI topology",
        SimStatus.InvalidConfiguration => "invalid configuration",
        SimStatus.UnknownIommu => "unknown IOMMU",
        SimStatus.InvalidationNotSupported => "invalidation not supported",
        SimStatus.AlreadyMapped => "already mapped (-EEXIST)",
        SimStatus.AddressInUse => "already mapped (-EADDRINUSE)",
        SimStatus.GroupAttachFailed => "group could not follow",
        SimStatus.PartialSuperpage => "unmap inside a superpage",
        SimStatus.DomainTypeUnsupported => "domain type not supported (-EINVAL)",
        SimStatus.NotPagingDomain => "not a paging domain (-EINVAL)",
        SimStatus.NoAts => "no ATS",
        _ => status.ToString(),
    };
}
