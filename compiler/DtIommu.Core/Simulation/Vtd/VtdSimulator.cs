using System.Collections.Generic;

namespace DtIommu.Simulation.Vtd;

/// <summary>
/// One VT-d remapping unit in legacy mode: root and context tables by bus:devfn, domain IDs, second-level tables with
/// R/W bits, an IOTLB and context cache with global, domain- and page-/device-selective invalidation, caching mode
/// and strict or deferred unmap.
/// </summary>
public sealed class VtdSimulator : CachingIommuSimulator
{
    private static readonly InvalidationKind[] Kinds =
    [
        new("iotlb-global", InvalidationScope.TranslationAll, "IOTLB global invalidation"),
        new("iotlb-domain", InvalidationScope.TranslationDomain, "IOTLB domain-selective invalidation (DSI)"),
        new("iotlb-page", InvalidationScope.TranslationPage, "IOTLB page-selective-within-domain invalidation (PSI)"),
        new("context-global", InvalidationScope.ConfigAll, "context-cache global invalidation"),
        new("context-domain", InvalidationScope.ConfigDomain, "context-cache domain-selective invalidation"),
        new("context-device", InvalidationScope.ConfigDevice, "context-cache device-selective invalidation"),
        new("devtlb", InvalidationScope.DeviceTlb, "device-IOTLB invalidate descriptor (ATS)"),
    ];

    /// <summary>FLPT_DEFAULT_DID: the DID Linux writes in pass-through context entries.</summary>
    private const uint PassThroughDomainId = 1;

    /// <summary>DID 0 (caching mode's not-present tag) and DID 1 (FLPT_DEFAULT_DID) are reserved by iommu_init_domains.</summary>
    private const uint FirstUsableDomainId = 2;

    private readonly RootTable _root = new();
    private readonly HashSet<string> _masters = [];
    private readonly HashSet<uint> _defaultDomains = [];
    private readonly int _translatableBits;
    private readonly Dictionary<uint, int> _flushQueue = [];

    /// <summary>Creates a unit with the given capabilities.</summary>
    public VtdSimulator(string name, VtdConfig config)
        : base(name, config.AddressWidth, new Iotlb(config.IotlbSets, config.IotlbWays), new ConfigCache(config.ContextCacheSize))
    {
        Config = config;
        _translatableBits = config.Mgaw < config.AddressWidth ? config.Mgaw : config.AddressWidth;
    }

    /// <summary>The unit's capabilities.</summary>
    public VtdConfig Config { get; }

    /// <summary>True when unmaps invalidate at once: strict requested, or forced by caching mode as Linux does.</summary>
    public bool EffectiveStrict => Config.StrictUnmap || Config.CachingMode;

    /// <inheritdoc/>
    public override string Kind => "vtd";

    /// <inheritdoc/>
    public override IReadOnlyList<InvalidationKind> Invalidations => Kinds;

    /// <summary>The root table.</summary>
    public RootTable Root => _root;

    /// <inheritdoc/>
    protected override bool CachesNotPresent => Config.CachingMode;

    /// <inheritdoc/>
    protected override MapOverLivePolicy OverLivePolicy => MapOverLivePolicy.KeepOldWarn;

    /// <inheritdoc/>
    protected override int SuperpageLevels => Config.SuperpageLevels;

    /// <inheritdoc/>
    protected override PartialBlockUnmap PartialBlockPolicy => PartialBlockUnmap.RoundUpWhole;

    /// <summary>IOVA ranges waiting in each domain's flush queue.</summary>
    public int QueuedRanges(uint domain) => _flushQueue.TryGetValue(domain, out var n) ? n : 0;

    /// <inheritdoc/>
    protected override SimStatus AddMasterCore(SimMaster master, out string? groupPeer)
    {
        groupPeer = null;
        foreach (var rid in master.SourceIds)
            if (rid > 0xFFFF) { LastRefusalDetail = $"source ID 0x{rid:x} is not a 16-bit bus:devfn"; return SimStatus.BadSourceId; }
        if (!_masters.Add(master.Name)) return SimStatus.DuplicateName;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AllocateDefaultDomainCore(SimMaster firstMember, out uint domain)
    {
        // Allocate from the top so that default domains stay clear of the small IDs traces tend to pick.
        for (uint did = (uint)Config.NumDomains - 1; did >= FirstUsableDomainId; did--)
        {
            if (FindDomain(did) != null || _defaultDomains.Contains(did)) continue;
            _defaultDomains.Add(did);
            GetOrCreateDomain(did);
            domain = did;
            return SimStatus.Ok;
        }
        domain = 0;
        LastRefusalDetail = "every domain ID is in use";
        return SimStatus.UnknownDomain;
    }

    /// <inheritdoc/>
    protected override SimStatus ValidateDomainId(uint domain)
    {
        if (domain == 0) { LastRefusalDetail = "domain ID 0 is reserved (caching mode tags not-present entries with it)"; return SimStatus.ReservedDomainId; }
        if (domain == 1) { LastRefusalDetail = "domain ID 1 is reserved (FLPT_DEFAULT_DID: first-level, pass-through and identity entries)"; return SimStatus.ReservedDomainId; }
        if (domain >= (uint)Config.NumDomains) { LastRefusalDetail = $"the unit supports {Config.NumDomains} domain IDs"; return SimStatus.UnknownDomain; }
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus ValidateRange(uint domain, ulong iova, ulong last)
    {
        if ((last >> Config.AddressWidth) == 0) return SimStatus.Ok;
        LastRefusalDetail = $"iommu width ({Config.AddressWidth}) is not sufficient for the mapped address (0x{last:x})";
        return SimStatus.BeyondAddressWidth;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachCore(SimMaster master, uint domain)
    {
        var st = ValidateDomainId(domain);
        if (st != SimStatus.Ok) return st;
        foreach (var rid in master.SourceIds)
            if (rid > 0xFFFF) { LastRefusalDetail = $"source ID 0x{rid:x} is not a 16-bit bus:devfn"; return SimStatus.BadSourceId; }
        GetOrCreateDomain(domain);
        WriteContexts(master, ConfigEntry.Translating(domain));
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachIdentityCore(SimMaster master)
    {
        // Linux 6.12 has no si_domain any more: without ECAP.PT, device_def_domain_type forces a DMA domain, and
        // the identity domain's attach would write a pass-through entry the unit cannot hold.
        if (!Config.PassThrough)
        {
            LastRefusalDetail = "the unit has no pass-through (ECAP.PT=0): device_def_domain_type forces a DMA domain";
            return SimStatus.DomainTypeUnsupported;
        }
        foreach (var rid in master.SourceIds)
            if (rid > 0xFFFF) { LastRefusalDetail = $"source ID 0x{rid:x} is not a 16-bit bus:devfn"; return SimStatus.BadSourceId; }
        // identity_domain_attach_dev -> context_setup_pass_through: TT=10b, DID FLPT_DEFAULT_DID, for every alias.
        WriteContexts(master, new ConfigEntry(true, ConfigMode.Bypass, PassThroughDomainId));
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public override string? SyncCommand => "invalidation wait descriptor";

    /// <inheritdoc/>
    protected override string? AtsUnsupportedReason => Config.DeviceTlb ? null : "the unit has no device-TLB support (ECAP.DT=0): Linux does not enable ATS behind it";

    /// <inheritdoc/>
    protected override string? VirtualDeviceUnsupportedReason(VirtualDevice kind) =>
        // QEMU refuses VFIO's MAP notifier on an intel-iommu without caching-mode=on ("intel-iommu: fail MAP notifier
        // without caching mode"): an assigned device needs CM=1; an emulated one makes a difference only with it.
        Config.CachingMode ? null : $"an {(kind == VirtualDevice.Assigned ? "assigned" : "emulated")} device is modelled behind a caching-mode unit (cm=1); QEMU refuses device assignment without caching-mode=on";

    /// <inheritdoc/>
    protected override uint FirstNamedDomainId => FirstUsableDomainId;

    /// <inheritdoc/>
    protected override bool IsReservedForDefault(uint id) => _defaultDomains.Contains(id);

    /// <inheritdoc/>
    public override SimStatus PlaceNamedDomain(string label, Domain? peer, out uint id)
    {
        if (peer?.Owner is not VtdSimulator other || other == this) return base.PlaceNamedDomain(label, peer, out id);
        // One dmar_domain attached to a second unit: domain_attach_iommu allocates a DID on that unit (lowest free
        // from IDA_START_DID) and both units walk the same page table.
        LastRefusalDetail = null;
        for (uint did = FirstUsableDomainId; did < (uint)Config.NumDomains; did++)
        {
            if (FindDomain(did) != null || _defaultDomains.Contains(did)) continue;
            CreateSharedDomain(did, peer, label);
            id = did;
            return SimStatus.Ok;
        }
        id = 0;
        LastRefusalDetail = "every domain ID is in use";
        return SimStatus.UnknownDomain;
    }

    private void WriteContexts(SimMaster master, ConfigEntry after)
    {
        // Every DMA alias gets a context entry: the unit sees whichever requester ID the bridges put on the wire.
        foreach (var rid in master.SourceIds)
        {
            var table = _root.GetOrCreate((int)(rid >> 8));
            var before = table[(int)(rid & 0xFF)];
            table[(int)(rid & 0xFF)] = after;
            ConfigChanged(rid, before, after);
            if (before == after) continue;
            // The flushes domain_context_mapping_one / domain_context_clear_one issue: a present entry that changes
            // needs the old DID flushed; a new one needs nothing unless caching mode may have cached it as absent.
            if (before.Present)
            {
                DriverInvalidate(new InvalidationRequest(InvalidationScope.ConfigDevice, before.Domain, rid));
                DriverInvalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, before.Domain));
            }
            else if (Config.CachingMode)
            {
                DriverInvalidate(new InvalidationRequest(InvalidationScope.ConfigDevice, 0, rid));
                DriverInvalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, after.Domain));
            }
        }
    }

    /// <inheritdoc/>
    protected override ConfigEntry ReadConfig(uint sourceId, out FaultCode missing)
    {
        var table = sourceId <= 0xFFFF ? _root[(int)(sourceId >> 8)] : null;
        if (table == null)
        {
            missing = VtdFaultReasons.Code(VtdFaultReason.RootEntryNotPresent);
            return ConfigEntry.NotPresent;
        }
        var entry = table[(int)(sourceId & 0xFF)];
        missing = entry.Present ? FaultCode.None : VtdFaultReasons.Code(VtdFaultReason.ContextEntryNotPresent);
        return entry;
    }

    /// <inheritdoc/>
    protected override FaultCode AddressFault(ulong iova) =>
        (iova >> _translatableBits) != 0 ? VtdFaultReasons.Code(VtdFaultReason.BeyondMgaw) : FaultCode.None;

    /// <inheritdoc/>
    protected override FaultCode TranslationFault(DmaDirection direction) => PermissionFault(direction);

    /// <inheritdoc/>
    protected override FaultCode PermissionFault(DmaDirection direction) =>
        // A not-present second-level entry is one with R=W=0, so the hardware reports it as a missing permission.
        VtdFaultReasons.Code(direction == DmaDirection.Write ? VtdFaultReason.PteWriteNotSet : VtdFaultReason.PteReadNotSet);

    /// <inheritdoc/>
    protected override FaultCode AbortFault() => VtdFaultReasons.Code(VtdFaultReason.Blocking);

    /// <inheritdoc/>
    protected override FaultCode NotPresentConfigFault() => VtdFaultReasons.Code(VtdFaultReason.ContextEntryNotPresent);

    /// <inheritdoc/>
    protected override void AfterUnmap(Domain domain, ulong firstPfn, ulong pages)
    {
        if (EffectiveStrict)
        {
            DriverFlushEverywhere(domain, firstPfn << PageShift, pages << PageShift);
            return;
        }
        // dma-iommu's flush queue belongs to the domain and holds one entry per unmapped IOVA range, whatever its
        // size. queue_iova flushes the whole domain when the ring is full (one slot is always left empty, so
        // size-1 entries), then queues the new range; the flush also covers the range just unmapped.
        int queued = QueuedRanges(domain.Id);
        if (queued >= Config.FlushQueueSize - 1)
        {
            DriverFlushEverywhere(domain, 0, 0);
            queued = 0;
        }
        _flushQueue[domain.Id] = queued + 1;
    }

    /// <inheritdoc/>
    public override int FlushQueueTimeout()
    {
        // fq_flush_timeout: every domain with queued ranges gets one flush of its whole IOTLB.
        var domains = new List<uint>();
        foreach (var kv in _flushQueue) if (kv.Value > 0) domains.Add(kv.Key);
        domains.Sort();
        foreach (var d in domains) DriverFlushEverywhere(FindDomain(d)!, 0, 0);
        _flushQueue.Clear();
        return domains.Count;
    }

    /// <inheritdoc/>
    protected override InvalidationRequest AdjustPageInvalidation(in InvalidationRequest request)
    {
        if (request.Size == 0) return request;
        ulong pfn = request.Iova >> PageShift;
        ulong end = (request.Iova + request.Size - 1) >> PageShift;
        ulong pages = end - pfn + 1;
        int mask = 0;
        while (mask < 64 && (1UL << mask) < pages) mask++;
        ulong bitmask = mask >= 64 ? ulong.MaxValue : (1UL << mask) - 1;
        if ((pfn & bitmask) != 0)
        {
            // Same widening as iommu_flush_iotlb_psi: the smallest aligned block holding both ends.
            ulong shared = ~(pfn ^ end) & ~bitmask;
            mask = 0;
            if (shared == 0) mask = 64;
            else while ((shared & (1UL << mask)) == 0) mask++;
        }
        if (!Config.PageSelectiveInvalidation || mask > Config.MaxAddressMask)
            return new InvalidationRequest(InvalidationScope.TranslationDomain, request.Domain);
        ulong aligned = pfn & ~((1UL << mask) - 1);
        return new InvalidationRequest(InvalidationScope.TranslationPage, request.Domain, 0, aligned << PageShift, (1UL << mask) << PageShift);
    }
}
