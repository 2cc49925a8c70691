using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DtIommu.Simulation;

/// <summary>
/// Shared machinery of page-table IOMMUs with translation caches (VT-d, SMMU v2/v3, single-master): domains,
/// map/unmap, the walk, the IOTLB and configuration cache, stale-entry detection and invalidation bookkeeping.
/// Derived classes supply the device-to-domain lookup, address checks, fault encodings and invalidation names.
/// </summary>
public abstract class CachingIommuSimulator : IIommuSimulator
{
    /// <summary>Page shift of the leaf entries every simulator here keeps (4 KiB).</summary>
    protected const int PageShift = 12;

    private readonly Dictionary<uint, Domain> _domains = [];
    private readonly Dictionary<uint, (uint Old, uint New)> _pendingConfig = [];
    private readonly int _indexBits;
    private Domain? _lastDomain;
    private int _supportedScopes = -1;
    private Dictionary<uint, DeviceState>? _devices;
    private bool _trackHost;
    private readonly List<InvalidationRequest> _queued = [];

    /// <summary>Sets up the caches.</summary>
    /// <param name="name">Instance name.</param>
    /// <param name="addressBits">IOVA width the page tables cover.</param>
    /// <param name="iotlb">Translation cache.</param>
    /// <param name="configCache">Configuration-entry cache, or null when configuration is read from registers.</param>
    protected CachingIommuSimulator(string name, int addressBits, Iotlb iotlb, ConfigCache? configCache)
    {
        Name = name;
        _indexBits = addressBits - PageShift;
        Tlb = iotlb;
        ConfigCacheOrNull = configCache;
        Faults = new FaultLog(name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public FaultLog Faults { get; }

    /// <inheritdoc/>
    public long InvalidationCount { get; protected set; }

    /// <inheritdoc/>
    public string? LastRefusalDetail { get; protected set; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<InvalidationKind> Invalidations { get; }

    /// <summary>The translation cache.</summary>
    public Iotlb Tlb { get; }

    /// <summary>The configuration cache, when the hardware has one.</summary>
    protected ConfigCache? ConfigCacheOrNull { get; }

    /// <summary>True when not-present results are cached too (VT-d caching mode), so new mappings need invalidation.</summary>
    protected virtual bool CachesNotPresent => false;

    /// <summary>How the driver treats map over a live entry and unmap of nothing.</summary>
    protected virtual MapOverLivePolicy OverLivePolicy => MapOverLivePolicy.RefuseExistWarn;

    /// <summary>The WARN the driver printed during the last map or unmap, or null.</summary>
    public string? LastWarning { get; private set; }

    /// <summary>Bytes the last unmap actually cleared (short when it stopped at an empty entry).</summary>
    public ulong LastUnmappedBytes { get; private set; }

    /// <summary>Smallest page size mappings must be aligned to.</summary>
    protected virtual ulong MinPageSize => 1UL << PageShift;

    /// <summary>Last IOVA the page tables cover (the domain's aperture end as iommu_dma_init_domain sees it).</summary>
    public ulong MaxIova => _indexBits + PageShift >= 64 ? ulong.MaxValue : (1UL << (_indexBits + PageShift)) - 1;

    /// <summary>Domains created so far.</summary>
    public IEnumerable<Domain> Domains => _domains.Values;

    /// <summary>The domain with this ID, or null.</summary>
    public Domain? FindDomain(uint id)
    {
        var last = _lastDomain;
        if (last != null && last.Id == id) return last;
        if (!_domains.TryGetValue(id, out var d)) return null;
        _lastDomain = d;
        return d;
    }

    /// <summary>The domain with this ID, created on first use.</summary>
    protected Domain GetOrCreateDomain(uint id)
    {
        var d = FindDomain(id);
        if (d != null) return d;
        d = new Domain(id, _indexBits) { Owner = this };
        if (_trackHost) d.HostView = [];
        _domains[id] = d;
        _lastDomain = d;
        return d;
    }

    /// <summary>
    /// Creates domain <paramref name="id"/> on this unit over the table of <paramref name="peer"/> (a domain of another
    /// unit, or null for a fresh table) and records both as views of one software domain named <paramref name="label"/>.
    /// </summary>
    protected Domain CreateSharedDomain(uint id, Domain? peer, string label)
    {
        var d = new Domain(id, peer?.Table ?? new PageTable(_indexBits)) { Owner = this, Label = label };
        if (_trackHost) d.HostView = [];
        if (peer != null)
        {
            peer.Peers ??= [peer];
            peer.Peers.Add(d);
            d.Peers = peer.Peers;
        }
        _domains[id] = d;
        _lastDomain = d;
        return d;
    }

    /// <summary>Refuses domain IDs the hardware cannot hold.</summary>
    protected abstract SimStatus ValidateDomainId(uint domain);

    /// <summary>Refuses ranges outside the aperture or address width; <paramref name="last"/> is inclusive.</summary>
    protected abstract SimStatus ValidateRange(uint domain, ulong iova, ulong last);

    /// <summary>The device's configuration entry as currently written in the tables or registers.</summary>
    protected abstract ConfigEntry ReadConfig(uint sourceId, out FaultCode missing);

    /// <summary>Fault for an IOVA the domain cannot translate at all (beyond MGAW, outside aperture), or none.</summary>
    protected abstract FaultCode AddressFault(ulong iova);

    /// <summary>Fault for a not-present leaf entry.</summary>
    protected abstract FaultCode TranslationFault(DmaDirection direction);

    /// <summary>Fault for a present entry without the needed permission.</summary>
    protected abstract FaultCode PermissionFault(DmaDirection direction);

    /// <summary>Fault for an aborting configuration entry.</summary>
    protected abstract FaultCode AbortFault();

    /// <summary>Called after an unmap cleared entries; strict drivers invalidate here.</summary>
    protected virtual void AfterUnmap(Domain domain, ulong firstPfn, ulong pages) { }

    /// <summary>Lets hardware widen or replace a page-selective request it cannot express.</summary>
    protected virtual InvalidationRequest AdjustPageInvalidation(in InvalidationRequest request) => request;

    /// <inheritdoc/>
    public SimStatus AddMaster(SimMaster master, out string? groupPeer)
    {
        LastRefusalDetail = null;
        groupPeer = null;
        if (master.Ats && AtsUnsupportedReason is string noAts) { LastRefusalDetail = noAts; return SimStatus.NoAts; }
        if (master.Virtual != VirtualDevice.None && VirtualDeviceUnsupportedReason(master.Virtual) is string noVirtual) { LastRefusalDetail = noVirtual; return SimStatus.InvalidConfiguration; }
        var st = AddMasterCore(master, out groupPeer);
        if (st != SimStatus.Ok || (!master.Ats && master.Virtual == VirtualDevice.None)) return st;
        _devices ??= [];
        _devices[master.WireSourceId] = new DeviceState(master.Name, master.Ats ? new Iotlb(16, 4) : null, master.Virtual);
        if (master.Virtual == VirtualDevice.Assigned && CachesNotPresent && !_trackHost)
        {
            // From the moment VFIO registers its notifier QEMU has replayed the guest tables into the host
            // (vtd_address_space_replay); from then on the host lags behind every change the guest does not invalidate.
            _trackHost = true;
            foreach (var d in _domains.Values) d.HostView ??= [];
        }
        return st;
    }

    /// <summary>Why this unit cannot serve ATS masters, or null when it can.</summary>
    protected virtual string? AtsUnsupportedReason => $"{Kind} has no ATS support";

    /// <summary>Why this unit cannot hold that kind of virtual device, or null when it can.</summary>
    protected virtual string? VirtualDeviceUnsupportedReason(VirtualDevice kind) => "emulated and assigned devices sit behind a virtual VT-d unit (QEMU intel-iommu)";

    /// <summary>Entries in the device TLB of the master whose wire ID is <paramref name="sourceId"/>; -1 when it has none.</summary>
    public int DeviceTlbEntries(uint sourceId) => _devices != null && _devices.TryGetValue(sourceId, out var d) && d.Atc != null ? d.Atc.Count : -1;

    /// <summary>
    /// Function-level reset of a master: its device TLB is emptied (the ATS cache does not survive FLR, PCIe ATS
    /// spec; Linux restores only the ATS enable bit, pci_restore_ats_state). The IOMMU's tables, context entries
    /// and IOTLB are untouched. Returns the device-TLB entries dropped, -1 when the master has no ATS.
    /// </summary>
    public int ResetDevice(uint sourceId)
    {
        if (_devices == null || !_devices.TryGetValue(sourceId, out var d) || d.Atc == null) return -1;
        return d.Atc.InvalidateAll();
    }

    /// <summary>Attaches the master to the driver's identity domain: DMA addresses are physical addresses.</summary>
    public SimStatus AttachIdentity(SimMaster master)
    {
        LastRefusalDetail = null;
        return AttachIdentityCore(master);
    }

    /// <summary>Hardware-specific part of <see cref="AttachIdentity"/>; drivers without an identity domain refuse.</summary>
    protected virtual SimStatus AttachIdentityCore(SimMaster master)
    {
        LastRefusalDetail = $"the {Kind} driver offers no identity domain";
        return SimStatus.DomainTypeUnsupported;
    }

    /// <summary>
    /// Finds the ID under which the software domain <paramref name="label"/> lives on this unit: the ID of
    /// <paramref name="peer"/> when it is on this unit, a fresh one when there is no peer yet. A domain already on
    /// another instance is refused as arm-smmu and arm-smmu-v3 do (-EINVAL when smmu_domain->smmu is another SMMU).
    /// </summary>
    public virtual SimStatus PlaceNamedDomain(string label, Domain? peer, out uint id)
    {
        LastRefusalDetail = null;
        id = 0;
        if (peer != null && peer.Owner != this)
        {
            LastRefusalDetail = $"domain {label} already lives on {peer.Owner?.Name}; a {Kind} domain belongs to one instance (-EINVAL)";
            return SimStatus.UnknownDomain;
        }
        if (peer != null) { id = peer.Id; return SimStatus.Ok; }
        for (uint candidate = FirstNamedDomainId; candidate < 0x10000; candidate++)
        {
            if (FindDomain(candidate) != null || IsReservedForDefault(candidate)) continue;
            if (ValidateDomainId(candidate) != SimStatus.Ok) break;
            CreateSharedDomain(candidate, null, label);
            id = candidate;
            return SimStatus.Ok;
        }
        LastRefusalDetail = "no domain ID is free";
        return SimStatus.UnknownDomain;
    }

    /// <summary>Lowest ID a named domain may take (VT-d: IDA_START_DID).</summary>
    protected virtual uint FirstNamedDomainId => 1;

    /// <summary>True when <paramref name="id"/> is already some group's default domain.</summary>
    protected virtual bool IsReservedForDefault(uint id) => false;

    /// <summary>Name of the completion barrier of this unit's invalidation queue (wait descriptor, CMD_SYNC), or null when invalidations complete synchronously.</summary>
    public virtual string? SyncCommand => null;

    /// <summary>Invalidations queued and not yet completed by a <see cref="Sync"/>.</summary>
    public int QueuedInvalidations => _queued.Count;

    /// <summary>Puts an invalidation in the unit's command queue without waiting: until <see cref="Sync"/> it may not have taken effect.</summary>
    public SimStatus Queue(in InvalidationRequest request)
    {
        LastRefusalDetail = null;
        if (SyncCommand == null) { LastRefusalDetail = $"{Kind} invalidations complete synchronously; there is no queue"; return SimStatus.InvalidationNotSupported; }
        if (!Supports(request.Scope)) return SimStatus.InvalidationNotSupported;
        _queued.Add(request);
        return SimStatus.Ok;
    }

    /// <summary>The completion barrier: every queued invalidation takes effect; returns them with their results, in queue order.</summary>
    public List<InvalidationResult> Sync()
    {
        var done = new List<InvalidationResult>(_queued.Count);
        foreach (var q in _queued) done.Add(Invalidate(q));
        _queued.Clear();
        return done;
    }

    /// <inheritdoc/>
    public SimStatus AllocateDefaultDomain(SimMaster firstMember, out uint domain)
    {
        LastRefusalDetail = null;
        return AllocateDefaultDomainCore(firstMember, out domain);
    }

    /// <inheritdoc/>
    public SimStatus Attach(SimMaster master, uint domain)
    {
        LastRefusalDetail = null;
        return AttachCore(master, domain);
    }

    /// <summary>Hardware-specific part of <see cref="AddMaster"/>.</summary>
    protected abstract SimStatus AddMasterCore(SimMaster master, out string? groupPeer);

    /// <summary>Hardware-specific part of <see cref="AllocateDefaultDomain"/>.</summary>
    protected abstract SimStatus AllocateDefaultDomainCore(SimMaster firstMember, out uint domain);

    /// <summary>Hardware-specific part of <see cref="Attach"/>.</summary>
    protected abstract SimStatus AttachCore(SimMaster master, uint domain);

    /// <summary>Records a configuration-entry change that a configuration cache may hold stale.</summary>
    protected void ConfigChanged(uint sourceId, ConfigEntry before, ConfigEntry after)
    {
        if (ConfigCacheOrNull == null || before == after) return;
        if (!before.Present && !CachesNotPresent) return;
        uint oldDomain = before.Present ? before.Domain : 0;
        _pendingConfig[sourceId] = _pendingConfig.TryGetValue(sourceId, out var p) ? (p.Old, after.Domain) : (oldDomain, after.Domain);
    }

    /// <summary>Checks the arguments common to map and unmap.</summary>
    protected SimStatus CheckRange(uint domain, ulong iova, ulong physical, ulong size, out ulong last)
    {
        last = 0;
        if (size == 0) return SimStatus.EmptyRange;
        ulong align = MinPageSize - 1;
        if ((iova & align) != 0 || (size & align) != 0 || (physical & align) != 0) return SimStatus.Misaligned;
        last = iova + size - 1;
        if (last < iova) return SimStatus.RangeOverflow;
        var st = ValidateDomainId(domain);
        return st != SimStatus.Ok ? st : ValidateRange(domain, iova, last);
    }

    /// <inheritdoc/>
    public SimStatus Map(uint domain, ulong iova, ulong physical, ulong size, DmaPermission permission)
    {
        LastRefusalDetail = null;
        LastWarning = null;
        LastNote = null;
        KeptPages = 0;
        if ((permission & DmaPermission.ReadWrite) == DmaPermission.None) return SimStatus.NoPermission;
        var st = CheckRange(domain, iova, physical, size, out _);
        if (st != SimStatus.Ok) return st;
        if (physical + size - 1 < physical) return SimStatus.RangeOverflow;
        var d = GetOrCreateDomain(domain);
        var table = d.Table;
        ulong pfn = iova >> PageShift, ppfn = physical >> PageShift, pages = size >> PageShift;
        var policy = OverLivePolicy;
        if (policy != MapOverLivePolicy.KeepOldWarn)
        {
            // Both drivers check before writing (io-pgtable-arm) or unwind what they wrote (rockchip), and iommu_map
            // unmaps the part already done: a refused map leaves the table as it was. A block is refused only by a
            // leaf at its level or above (arm_lpae_init_pte); a table below it is freed instead.
            for (ulong i = 0; i < pages;)
            {
                int level = ChunkLevel(table, pfn + i, ppfn + i, pages - i);
                ulong frames = PageTable.FramesAt(level);
                bool live = level == 0 ? Pte.IsPresent(table.Get(pfn + i)) : table.LeafLevel(pfn + i) >= level && Pte.IsPresent(table.Get(pfn + i));
                if (live)
                {
                    ulong old = table.Get(pfn + i);
                    ulong at = (pfn + i) << PageShift;
                    LastRefusalDetail = $"iova 0x{at:x} is already mapped to 0x{old & Pte.AddressMask:x}";
                    if (policy == MapOverLivePolicy.RefuseExistWarn) LastWarning = $"WARN: map over the live leaf at iova 0x{at:x} (\"We require an unmap first\")";
                    return policy == MapOverLivePolicy.RefuseExistWarn ? SimStatus.AlreadyMapped : SimStatus.AddressInUse;
                }
                i += frames;
            }
        }
        bool cachesNotPresent = CachesNotPresent;
        ulong kept = 0, firstKept = 0, keptOld = 0, dropped = 0;
        ulong small = 0, mid = 0, large = 0;
        for (ulong i = 0; i < pages;)
        {
            int level = ChunkLevel(table, pfn + i, ppfn + i, pages - i);
            ulong frames = PageTable.FramesAt(level);
            ulong entry = Pte.Make(physical + (i << PageShift), permission);
            ulong old = table.Get(pfn + i);
            if (Pte.IsPresent(old) && (level == 0 || table.LeafLevel(pfn + i) >= level))
            {
                // VT-d writes with cmpxchg against 0: a live entry is left as it was.
                if (kept == 0) { firstKept = pfn + i; keptOld = old; }
                kept += frames;
                i += frames;
                continue;
            }
            if (d.HostView != null || d.Peers != null) d.BeforeChange(pfn + i, pfn + i + frames - 1);
            if (level == 0) table.Set(pfn + i, entry);
            else
            {
                // switch_to_super_page (VT-d) and arm_lpae_init_pte (LPAE) free the small-page table the block
                // replaces and flush its range, so the translations it held are gone from the caches too.
                ulong gone = table.SetBlock(pfn + i, level, entry);
                if (gone > 0)
                {
                    dropped += gone;
                    DriverFlushEverywhere(d, (pfn + i) << PageShift, frames << PageShift);
                }
            }
            if (level == 0) small++;
            else if (level == 1) mid++;
            else large++;
            // A not-present entry is never cached unless the hardware caches negative results, so only then does
            // a fresh mapping need an invalidation.
            if (cachesNotPresent) d.MarkPending(pfn + i, pfn + i + frames - 1);
            i += frames;
        }
        if (kept > 0)
            LastWarning = $"WARN: DMA PTE for vPFN 0x{firstKept:x} already set (to {keptOld:x} not {Pte.Make(physical + ((firstKept - pfn) << PageShift), permission):x})" +
                (kept > 1 ? $"; {kept} PTEs kept their old value" : "; the old PTE is kept");
        if (mid + large > 0)
            LastNote = "leaves: " + LeafText(small, mid, large) + (dropped > 0 ? $"; {dropped} live 4 KiB entries under the new block(s) were dropped with their table and flushed" : "");
        KeptPages = kept;
        return SimStatus.Ok;
    }

    private static string LeafText(ulong small, ulong mid, ulong large)
    {
        var parts = new List<string>(3);
        if (large > 0) parts.Add($"{large} x 1 GiB");
        if (mid > 0) parts.Add($"{mid} x 2 MiB");
        if (small > 0) parts.Add($"{small} x 4 KiB");
        return string.Join(" + ", parts);
    }

    /// <summary>
    /// Largest leaf level usable at <paramref name="pfn"/>: IOVA and physical frame both aligned to the block and the
    /// rest of the range at least one block (hardware_largepage_caps, iommu_pgsize), within what the unit supports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ChunkLevel(PageTable table, ulong pfn, ulong ppfn, ulong remaining)
    {
        // Most maps are small or unaligned: no block can start here.
        if (((pfn | ppfn) & 511) != 0 || remaining < 512) return 0;
        int max = SuperpageLevels;
        if (max >= table.Levels) max = table.Levels - 1;
        for (int level = max; level > 0; level--)
        {
            ulong frames = PageTable.FramesAt(level);
            if (((pfn | ppfn) & (frames - 1)) == 0 && remaining >= frames) return level;
        }
        return 0;
    }

    /// <summary>Block levels above 4 KiB the unit maps with: 0 none, 1 up to 2 MiB, 2 up to 1 GiB.</summary>
    protected virtual int SuperpageLevels => 0;

    /// <summary>What the driver does when an unmap covers only part of a block.</summary>
    protected virtual PartialBlockUnmap PartialBlockPolicy => PartialBlockUnmap.Split;

    /// <summary>A finding about the last map or unmap that is not a warning (leaf sizes used, block rounding or split), or null.</summary>
    public string? LastNote { get; private set; }

    /// <inheritdoc/>
    public virtual int FlushQueueTimeout() => 0;

    /// <summary>Pages the last map left untouched because they were already set (VT-d).</summary>
    public ulong KeptPages { get; private set; }

    /// <inheritdoc/>
    public SimStatus Unmap(uint domain, ulong iova, ulong size)
    {
        LastRefusalDetail = null;
        LastWarning = null;
        LastNote = null;
        LastUnmappedBytes = 0;
        var st = CheckRange(domain, iova, 0, size, out _);
        if (st != SimStatus.Ok) return st;
        var d = FindDomain(domain);
        if (d == null) return SimStatus.UnknownDomain;
        var table = d.Table;
        ulong pfn = iova >> PageShift, pages = size >> PageShift;
        bool stopAtHole = OverLivePolicy != MapOverLivePolicy.KeepOldWarn;
        ulong done = 0;
        int splits = 0;
        bool rounded = false;
        while (done < pages)
        {
            ulong at = pfn + done;
            if (d.HostView != null || d.Peers != null) d.BeforeChange(at, at);
            int level = table.ClearSmall(at, out ulong cleared);
            if (level > 0)
            {
                ulong frames = PageTable.FramesAt(level);
                ulong start = at & ~(frames - 1);
                if (start == at && pages - done >= frames)
                {
                    if (d.HostView != null || d.Peers != null) d.BeforeChange(at, at + frames - 1);
                    table.ClearBlock(at, level);
                    d.MarkPending(at, at + frames - 1);
                    done += frames;
                    continue;
                }
                if (PartialBlockPolicy == PartialBlockUnmap.Split)
                {
                    // arm_lpae_split_blk_unmap: the block becomes a table one level down holding the same
                    // translations, and only the range asked for is then unmapped.
                    table.Split(at, level);
                    splits++;
                    continue;
                }
                if (start != at)
                {
                    // intel_iommu_unmap rounds the size up to the large page but not the start: dma_pte_clear_level
                    // would then walk into the superpage's memory as if it were a page table. Refused here.
                    LastRefusalDetail = $"iova 0x{at << PageShift:x} is inside the {FramesAt(level)} superpage at 0x{start << PageShift:x}; intel_iommu_unmap rounds the size up, not the start, and dma_pte_clear_level would treat the superpage as a page table";
                    if (done > 0) { LastUnmappedBytes = done << PageShift; AfterUnmap(d, pfn, done); }
                    return SimStatus.PartialSuperpage;
                }
                // "Cope with horrid API which requires us to unmap more than the size argument if it happens to be a
                // large-page mapping" (intel_iommu_unmap): the whole superpage goes, and the caller is told so.
                if (d.HostView != null || d.Peers != null) d.BeforeChange(at, at + frames - 1);
                table.ClearBlock(at, level);
                d.MarkPending(at, at + frames - 1);
                done += frames;
                rounded = true;
                break;
            }
            if (Pte.IsPresent(cleared)) d.MarkPending(at);
            else if (stopAtHole)
            {
                // iommu_unmap stops when the driver unmaps nothing: the rest of the range stays mapped.
                if (OverLivePolicy == MapOverLivePolicy.RefuseExistWarn) LastWarning = $"WARN: unmap of iova 0x{at << PageShift:x} found no entry; {done << PageShift} bytes unmapped of 0x{size:x}";
                else LastWarning = $"unmap stopped at the unmapped iova 0x{at << PageShift:x}; {done << PageShift} bytes unmapped of 0x{size:x}";
                break;
            }
            done++;
        }
        if (rounded) LastNote = $"unmapped 0x{done << PageShift:x} bytes, not 0x{size:x}: intel_iommu_unmap rounds the size up to the whole superpage, and the caller is told the larger size";
        else if (splits > 0) LastNote = $"{splits} block split(s): arm_lpae_split_blk_unmap replaced the block by a table of smaller leaves; only 0x{done << PageShift:x} bytes were unmapped";
        LastUnmappedBytes = done << PageShift;
        if (done > 0) AfterUnmap(d, pfn, done);
        return SimStatus.Ok;
    }

    private static string FramesAt(int level) => level == 2 ? "1 GiB" : "2 MiB";

    /// <inheritdoc/>
    public AccessResult Access(uint sourceId, ulong iova, DmaDirection direction)
    {
        var r = Translate(sourceId, iova, direction);
        if (!r.Allowed) Faults.Record(sourceId, iova, direction, r.Fault, r.Stale);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AccessResult Translate(uint sourceId, ulong iova, DmaDirection direction)
    {
        var config = ResolveConfig(sourceId, out bool configHit, out bool configStale, out var missing);
        if (!config.Present) return AccessResult.Faulted(missing, 0, configHit, configStale);
        if (config.Mode == ConfigMode.Bypass) return new AccessResult(FaultCode.None, iova, 0, configHit, configStale, true);
        if (config.Mode == ConfigMode.Abort) return AccessResult.Faulted(AbortFault(), config.Domain, configHit, configStale);

        var addressFault = AddressFault(iova);
        if (addressFault.IsFault) return AccessResult.Faulted(addressFault, config.Domain, configHit, configStale);

        uint domainId = config.Domain;
        ulong pfn = iova >> PageShift;
        var domain = FindDomain(domainId);
        // Hardware would not walk on a hit; the simulator does, only to tell whether the cached entry is stale.
        ulong actual = domain != null && domain.Table.Covers(pfn) ? domain.Table.Get(pfn) : 0;
        if (_devices != null && _devices.TryGetValue(sourceId, out var device))
            return TranslateForDevice(device, domain, domainId, pfn, iova, direction, actual, configStale);
        bool hit = Tlb.TryGet(domainId, pfn, out ulong entry);
        bool stale = configStale;
        if (hit) stale |= entry != actual;
        else
        {
            entry = actual;
            if (Pte.IsPresent(entry) || CachesNotPresent) Tlb.Insert(domainId, pfn, entry);
        }
        return Decide(entry, iova, direction, domainId, hit, stale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AccessResult Decide(ulong entry, ulong iova, DmaDirection direction, uint domainId, bool hit, bool stale, AccessVia via = AccessVia.Iommu)
    {
        if (!Pte.IsPresent(entry)) return new AccessResult(TranslationFault(direction), 0, domainId, hit, stale, false, via);
        if (!Pte.Allows(entry, direction)) return new AccessResult(PermissionFault(direction), 0, domainId, hit, stale, false, via);
        return new AccessResult(FaultCode.None, (entry & Pte.AddressMask) | (iova & ((1UL << PageShift) - 1)), domainId, hit, stale, false, via);
    }

    // The slow path for masters with a device TLB or behind a virtual IOMMU; plain masters never come here.
    private AccessResult TranslateForDevice(DeviceState device, Domain? domain, uint domainId, ulong pfn, ulong iova, DmaDirection direction, ulong actual, bool configStale)
    {
        if (device.Virtual == VirtualDevice.Assigned && CachesNotPresent)
        {
            // The assigned device's DMA goes through the host IOMMU, which holds the mappings QEMU shadowed when the
            // guest invalidated them (vtd_iotlb_page_invalidate -> IOMMU MAP/UNMAP notifiers -> VFIO). A guest
            // mapping that was never invalidated was never shadowed: a hard fault, whatever the guest table says.
            ulong shadowed = domain != null && domain.Table.Covers(pfn) ? domain.HostEntry(pfn) : 0;
            return Decide(shadowed, iova, direction, domainId, false, configStale || shadowed != actual, AccessVia.HostShadow);
        }
        if (device.Atc is Iotlb atc && atc.TryGet(domainId, pfn, out ulong cached))
            // ATS: the device translates with its own cache and sends the transaction pre-translated.
            return Decide(cached, iova, direction, domainId, true, configStale || cached != actual, AccessVia.DeviceTlb);
        bool hit = Tlb.TryGet(domainId, pfn, out ulong entry);
        bool emulated = device.Virtual == VirtualDevice.Emulated && CachesNotPresent;
        // QEMU's vtd_do_iommu_translate caches only successful translations, so an emulated device never meets a
        // cached not-present entry: its miss walks the guest table and finds the new mapping.
        if (hit && emulated && !Pte.IsPresent(entry)) hit = false;
        bool stale = configStale;
        if (hit) stale |= entry != actual;
        else
        {
            entry = actual;
            if (Pte.IsPresent(entry) || (CachesNotPresent && !emulated)) Tlb.Insert(domainId, pfn, entry);
        }
        var via = emulated && !hit && Pte.IsPresent(entry) && domain != null && domain.HasPendingIn(pfn, pfn) ? AccessVia.EmulatedWalk : AccessVia.Iommu;
        var r = Decide(entry, iova, direction, domainId, hit, stale, via);
        // The ATS translation completion is cached by the device (faulting requests are not).
        if (device.Atc is Iotlb deviceTlb && r.Allowed) deviceTlb.Insert(domainId, pfn, entry);
        return r;
    }

    private ConfigEntry ResolveConfig(uint sourceId, out bool hit, out bool stale, out FaultCode missing)
    {
        var actual = ReadConfig(sourceId, out missing);
        var cache = ConfigCacheOrNull;
        hit = false;
        stale = false;
        if (cache == null) return actual;
        if (cache.TryGet(sourceId, out var cached))
        {
            hit = true;
            stale = cached != actual;
            if (!cached.Present && actual.Present) missing = NotPresentConfigFault();
            return cached;
        }
        if (actual.Present || CachesNotPresent) cache.Insert(sourceId, actual);
        return actual;
    }

    /// <summary>Fault reported for a cached not-present configuration entry.</summary>
    protected virtual FaultCode NotPresentConfigFault() => AbortFault();

    /// <inheritdoc/>
    private bool Supports(InvalidationScope scope)
    {
        if (_supportedScopes < 0)
        {
            int mask = 0;
            var kinds = Invalidations;
            for (int i = 0; i < kinds.Count; i++) mask |= 1 << (int)kinds[i].Scope;
            _supportedScopes = mask;
        }
        return (_supportedScopes & (1 << (int)scope)) != 0;
    }

    /// <inheritdoc/>
    public InvalidationResult Invalidate(in InvalidationRequest request)
    {
        LastRefusalDetail = null;
        if (!Supports(request.Scope)) return new InvalidationResult(SimStatus.InvalidationNotSupported, request.Scope, 0, false);
        if (request.Scope == InvalidationScope.TranslationPage && request.Size != 0 && request.Iova + request.Size - 1 < request.Iova)
            return new InvalidationResult(SimStatus.RangeOverflow, request.Scope, 0, false);
        InvalidationCount++;
        var req = request.Scope == InvalidationScope.TranslationPage ? AdjustPageInvalidation(request) : request;
        switch (req.Scope)
        {
            case InvalidationScope.DeviceTlb:
            {
                if (_devices == null || !_devices.TryGetValue(req.SourceId, out var dev) || dev.Atc == null)
                    return new InvalidationResult(SimStatus.NoAts, req.Scope, 0, false);
                int dropped = req.Size == 0 ? dev.Atc.InvalidateAll() : dev.Atc.InvalidatePages(req.Domain, req.Iova >> PageShift, ((req.Iova + req.Size - 1) >> PageShift) - (req.Iova >> PageShift) + 1);
                return new InvalidationResult(SimStatus.Ok, req.Scope, dropped, dropped == 0);
            }
            case InvalidationScope.TranslationAll:
            {
                bool pending = false;
                foreach (var d in _domains.Values) { pending |= !d.Pending.IsEmpty; d.HostCatchUp(0, ulong.MaxValue); d.ClearPending(); }
                return new InvalidationResult(SimStatus.Ok, req.Scope, Tlb.InvalidateAll(), !pending);
            }
            case InvalidationScope.TranslationDomain:
            {
                var d = FindDomain(req.Domain);
                bool pending = d != null && !d.Pending.IsEmpty;
                d?.HostCatchUp(0, ulong.MaxValue);
                d?.ClearPending();
                return new InvalidationResult(SimStatus.Ok, req.Scope, Tlb.InvalidateDomain(req.Domain), !pending);
            }
            case InvalidationScope.TranslationPage:
            {
                if (req.Size == 0) return new InvalidationResult(SimStatus.EmptyRange, req.Scope, 0, false);
                ulong first = req.Iova >> PageShift, last = (req.Iova + req.Size - 1) >> PageShift;
                var d = FindDomain(req.Domain);
                bool pending = d != null && d.HasPendingIn(first, last);
                d?.HostCatchUp(first, last);
                d?.ClearPending(first, last);
                return new InvalidationResult(SimStatus.Ok, req.Scope, Tlb.InvalidatePages(req.Domain, first, last - first + 1), !pending);
            }
            case InvalidationScope.ConfigAll:
            {
                bool pending = _pendingConfig.Count != 0;
                _pendingConfig.Clear();
                return new InvalidationResult(SimStatus.Ok, req.Scope, ConfigCacheOrNull?.InvalidateAll() ?? 0, !pending);
            }
            case InvalidationScope.ConfigDomain:
            {
                bool pending = false;
                var done = new List<uint>();
                foreach (var kv in _pendingConfig)
                    if (kv.Value.Old == req.Domain || kv.Value.New == req.Domain) { pending = true; done.Add(kv.Key); }
                foreach (var s in done) _pendingConfig.Remove(s);
                int dropped = ConfigCacheOrNull?.InvalidateDomain(req.Domain, CachesNotPresent && req.Domain == 0) ?? 0;
                return new InvalidationResult(SimStatus.Ok, req.Scope, dropped, !pending);
            }
            default:
            {
                bool pending = _pendingConfig.Remove(req.SourceId);
                return new InvalidationResult(SimStatus.Ok, req.Scope, ConfigCacheOrNull?.InvalidateSource(req.SourceId) ?? 0, !pending);
            }
        }
    }

    /// <summary>
    /// Issues a translation invalidation on the driver's behalf (strict unmap, flush queue, attach-time zap). Linux
    /// follows an IOTLB flush with a device-TLB flush of every ATS master in the domain (cache_tag_flush_range's
    /// CACHE_TAG_DEVTLB tags on VT-d, arm_smmu_atc_inv_domain on SMMUv3), and waits for both.
    /// </summary>
    protected void DriverInvalidate(in InvalidationRequest request)
    {
        Invalidate(request);
        if (_devices == null || request.Scope > InvalidationScope.TranslationPage) return;
        foreach (var kv in _devices)
        {
            if (kv.Value.Atc == null) continue;
            var config = ReadConfig(kv.Key, out _);
            if (!config.Present || (request.Scope != InvalidationScope.TranslationAll && config.Domain != request.Domain)) continue;
            Invalidate(new InvalidationRequest(InvalidationScope.DeviceTlb, config.Domain, kv.Key, request.Scope == InvalidationScope.TranslationPage ? request.Iova : 0, request.Scope == InvalidationScope.TranslationPage ? request.Size : 0));
        }
    }

    /// <summary>
    /// The driver's flush of a domain's range on every unit the domain is attached to (one dmar_domain, a DID per
    /// unit: cache_tag_flush_range walks every unit's tag); <paramref name="size"/> 0 flushes the whole domain.
    /// </summary>
    protected void DriverFlushEverywhere(Domain domain, ulong iova, ulong size)
    {
        if (domain.Peers == null) { FlushOne(this, domain.Id, iova, size); return; }
        foreach (var p in domain.Peers) FlushOne(p.Owner ?? this, p.Id, iova, size);

        static void FlushOne(CachingIommuSimulator sim, uint id, ulong iova, ulong size) => sim.DriverInvalidate(size == 0
            ? new InvalidationRequest(InvalidationScope.TranslationDomain, id)
            : new InvalidationRequest(InvalidationScope.TranslationPage, id, 0, iova, size));
    }


    /// <inheritdoc/>
    public bool IsInvalidationPending(uint domain, ulong iova, ulong size)
    {
        var d = FindDomain(domain);
        return d != null && size != 0 && d.HasPendingIn(iova >> PageShift, (iova + size - 1) >> PageShift);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> PendingInvalidations()
    {
        var lines = new List<string>();
        var ids = new List<uint>(_domains.Keys);
        ids.Sort();
        foreach (var id in ids)
        {
            var p = _domains[id].Pending;
            if (p.IsEmpty) continue;
            var ranges = new List<(ulong First, ulong Last)>();
            for (int i = 0; i < p.Count; i++) ranges.Add((p.First(i), p.Last(i)));
            ranges.Sort((a, b) => a.First.CompareTo(b.First));
            var text = string.Join(", ", ranges.ConvertAll(r => $"0x{r.First << PageShift:x}-0x{((r.Last + 1) << PageShift) - 1:x}"));
            lines.Add($"{Name}: domain {id}: {p.Pages} page(s) changed and not invalidated: {text}");
        }
        var sources = new List<uint>(_pendingConfig.Keys);
        sources.Sort();
        foreach (var s in sources)
        {
            var (o, n) = _pendingConfig[s];
            lines.Add($"{Name}: source 0x{s:x4}: configuration entry changed (domain {o} -> {n}) not invalidated");
        }
        return lines;
    }
}
