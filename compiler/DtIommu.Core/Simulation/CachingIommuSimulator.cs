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
        d = new Domain(id, _indexBits);
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
        return AddMasterCore(master, out groupPeer);
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
        if ((permission & DmaPermission.ReadWrite) == DmaPermission.None) return SimStatus.NoPermission;
        var st = CheckRange(domain, iova, physical, size, out _);
        if (st != SimStatus.Ok) return st;
        if (physical + size - 1 < physical) return SimStatus.RangeOverflow;
        var d = GetOrCreateDomain(domain);
        var table = d.Table;
        ulong pfn = iova >> PageShift, pages = size >> PageShift;
        var policy = OverLivePolicy;
        if (policy != MapOverLivePolicy.KeepOldWarn)
        {
            // Both drivers check before writing (io-pgtable-arm) or unwind what they wrote (rockchip), and iommu_map
            // unmaps the part already done: a refused map leaves the table as it was.
            for (ulong i = 0; i < pages; i++)
            {
                ulong old = table.Get(pfn + i);
                if (!Pte.IsPresent(old)) continue;
                ulong at = (pfn + i) << PageShift;
                LastRefusalDetail = $"iova 0x{at:x} is already mapped to 0x{old & Pte.AddressMask:x}";
                if (policy == MapOverLivePolicy.RefuseExistWarn) LastWarning = $"WARN: map over the live leaf at iova 0x{at:x} (\"We require an unmap first\")";
                return policy == MapOverLivePolicy.RefuseExistWarn ? SimStatus.AlreadyMapped : SimStatus.AddressInUse;
            }
        }
        bool cachesNotPresent = CachesNotPresent;
        ulong kept = 0, firstKept = 0, keptOld = 0;
        for (ulong i = 0; i < pages; i++)
        {
            ulong entry = Pte.Make(physical + (i << PageShift), permission);
            ulong old = table.Get(pfn + i);
            if (Pte.IsPresent(old))
            {
                // VT-d writes with cmpxchg against 0: a live entry is left as it was.
                if (kept++ == 0) { firstKept = pfn + i; keptOld = old; }
                continue;
            }
            table.Set(pfn + i, entry);
            // A not-present entry is never cached unless the hardware caches negative results, so only then does
            // a fresh mapping need an invalidation.
            if (cachesNotPresent) d.MarkPending(pfn + i);
        }
        if (kept > 0)
            LastWarning = $"WARN: DMA PTE for vPFN 0x{firstKept:x} already set (to {keptOld:x} not {Pte.Make(physical + ((firstKept - pfn) << PageShift), permission):x})" +
                (kept > 1 ? $"; {kept} PTEs kept their old value" : "; the old PTE is kept");
        KeptPages = kept;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public virtual int FlushQueueTimeout() => 0;

    /// <summary>Pages the last map left untouched because they were already set (VT-d).</summary>
    public ulong KeptPages { get; private set; }

    /// <inheritdoc/>
    public SimStatus Unmap(uint domain, ulong iova, ulong size)
    {
        LastRefusalDetail = null;
        LastWarning = null;
        LastUnmappedBytes = 0;
        var st = CheckRange(domain, iova, 0, size, out _);
        if (st != SimStatus.Ok) return st;
        var d = FindDomain(domain);
        if (d == null) return SimStatus.UnknownDomain;
        var table = d.Table;
        ulong pfn = iova >> PageShift, pages = size >> PageShift;
        bool stopAtHole = OverLivePolicy != MapOverLivePolicy.KeepOldWarn;
        ulong done = pages;
        for (ulong i = 0; i < pages; i++)
        {
            if (Pte.IsPresent(table.Set(pfn + i, 0))) d.MarkPending(pfn + i);
            else if (stopAtHole)
            {
                // iommu_unmap stops when the driver unmaps nothing: the rest of the range stays mapped.
                done = i;
                if (OverLivePolicy == MapOverLivePolicy.RefuseExistWarn) LastWarning = $"WARN: unmap of iova 0x{(pfn + i) << PageShift:x} found no entry; {i << PageShift} bytes unmapped of 0x{size:x}";
                else LastWarning = $"unmap stopped at the unmapped iova 0x{(pfn + i) << PageShift:x}; {i << PageShift} bytes unmapped of 0x{size:x}";
                break;
            }
        }
        LastUnmappedBytes = done << PageShift;
        if (done > 0) AfterUnmap(d, pfn, done);
        return SimStatus.Ok;
    }

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
        bool hit = Tlb.TryGet(domainId, pfn, out ulong entry);
        bool stale = configStale;
        if (hit) stale |= entry != actual;
        else
        {
            entry = actual;
            if (Pte.IsPresent(entry) || CachesNotPresent) Tlb.Insert(domainId, pfn, entry);
        }
        if (!Pte.IsPresent(entry)) return AccessResult.Faulted(TranslationFault(direction), domainId, hit, stale);
        if (!Pte.Allows(entry, direction)) return AccessResult.Faulted(PermissionFault(direction), domainId, hit, stale);
        return AccessResult.Ok((entry & Pte.AddressMask) | (iova & ((1UL << PageShift) - 1)), domainId, hit, stale);
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
    public InvalidationResult Invalidate(in InvalidationRequest request)
    {
        LastRefusalDetail = null;
        if (_supportedScopes < 0)
        {
            int mask = 0;
            var kinds = Invalidations;
            for (int i = 0; i < kinds.Count; i++) mask |= 1 << (int)kinds[i].Scope;
            _supportedScopes = mask;
        }
        if ((_supportedScopes & (1 << (int)request.Scope)) == 0) return new InvalidationResult(SimStatus.InvalidationNotSupported, request.Scope, 0, false);
        if (request.Scope == InvalidationScope.TranslationPage && request.Size != 0 && request.Iova + request.Size - 1 < request.Iova)
            return new InvalidationResult(SimStatus.RangeOverflow, request.Scope, 0, false);
        InvalidationCount++;
        var req = request.Scope == InvalidationScope.TranslationPage ? AdjustPageInvalidation(request) : request;
        switch (req.Scope)
        {
            case InvalidationScope.TranslationAll:
            {
                bool pending = false;
                foreach (var d in _domains.Values) { pending |= !d.Pending.IsEmpty; d.ClearPending(); }
                return new InvalidationResult(SimStatus.Ok, req.Scope, Tlb.InvalidateAll(), !pending);
            }
            case InvalidationScope.TranslationDomain:
            {
                var d = FindDomain(req.Domain);
                bool pending = d != null && !d.Pending.IsEmpty;
                d?.ClearPending();
                return new InvalidationResult(SimStatus.Ok, req.Scope, Tlb.InvalidateDomain(req.Domain), !pending);
            }
            case InvalidationScope.TranslationPage:
            {
                if (req.Size == 0) return new InvalidationResult(SimStatus.EmptyRange, req.Scope, 0, false);
                ulong first = req.Iova >> PageShift, last = (req.Iova + req.Size - 1) >> PageShift;
                var d = FindDomain(req.Domain);
                bool pending = d != null && d.HasPendingIn(first, last);
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

    /// <summary>Issues a translation invalidation on the driver's behalf (strict unmap, flush queue, attach-time zap).</summary>
    protected void DriverInvalidate(in InvalidationRequest request) => Invalidate(request);

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
