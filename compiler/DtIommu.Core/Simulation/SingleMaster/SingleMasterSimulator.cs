using System.Collections.Generic;

namespace DtIommu.Simulation.SingleMaster;

/// <summary>
/// A single-master IOMMU: it sees no source ID, so every master behind it is in one group, holds one domain at a time (attaching another replaces it,
/// or is refused on a GART), translates only inside its aperture, and has a TLB the driver zaps.
/// </summary>
public sealed class SingleMasterSimulator : CachingIommuSimulator
{
    private static readonly InvalidationKind[] Kinds =
    [
        new("zap-all", InvalidationScope.TranslationAll, "zap the whole TLB"),
        new("zap-page", InvalidationScope.TranslationPage, "zap the TLB lines of an IOVA range"),
    ];

    private readonly ulong _minPageSize;
    private readonly HashSet<string> _masters = [];
    private uint _defaultDomains;
    private SimMaster? _master;
    private uint? _domain;
    private bool _identity;

    /// <summary>Creates an instance.</summary>
    public SingleMasterSimulator(string name, SingleMasterConfig config)
        : base(name, AddressBits(config.ApertureEnd), new Iotlb(config.TlbEntries >= 4 ? config.TlbEntries / 4 : 1, config.TlbEntries >= 4 ? 4 : config.TlbEntries), null)
    {
        Config = config;
        // Cached: the config computes it from the page-size list, which would allocate on every map.
        _minPageSize = config.MinPageSize;
    }

    private static int AddressBits(ulong end)
    {
        int bits = 13;
        while (bits < 64 && (end >> bits) != 0) bits++;
        return bits;
    }

    /// <summary>The parameters.</summary>
    public SingleMasterConfig Config { get; }

    /// <summary>The first master of the instance's group, once one was added.</summary>
    public SimMaster? Master => _master;

    /// <summary>The attached domain, if any.</summary>
    public uint? AttachedDomain => _domain;

    /// <inheritdoc/>
    public override string Kind => "single-master";

    /// <inheritdoc/>
    public override IReadOnlyList<InvalidationKind> Invalidations => Kinds;

    /// <inheritdoc/>
    protected override ulong MinPageSize => _minPageSize;

    /// <inheritdoc/>
    protected override MapOverLivePolicy OverLivePolicy => MapOverLivePolicy.RefuseInUse;

    /// <inheritdoc/>
    protected override SimStatus AddMasterCore(SimMaster master, out string? groupPeer)
    {
        groupPeer = null;
        if (!_masters.Add(master.Name)) return SimStatus.DuplicateName;
        _master ??= master;
        // With #iommu-cells = <0> the IOMMU sees no source ID: generic_single_device_group puts every master of the
        // instance in the instance's one group, sharing one domain.
        if (_master != master && !Config.PerDeviceGroups) groupPeer = _master.Name;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AllocateDefaultDomainCore(SimMaster firstMember, out uint domain)
    {
        // Per-device groups each get their own default domain; the instance's one table holds the last attached.
        domain = Config.PerDeviceGroups ? _defaultDomains++ : 0;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachCore(SimMaster master, uint domain)
    {
        if (!_masters.Contains(master.Name))
        {
            LastRefusalDetail = $"{master.Name} is not a master of {Name}";
            return SimStatus.UnknownMaster;
        }
        if (_domain == domain && !_identity) return SimStatus.Ok;
        if (_domain != null && Config.SingleActiveDomain)
        {
            LastRefusalDetail = $"{Name} already has domain {_domain} active";
            return SimStatus.DomainBusy;
        }
        GetOrCreateDomain(domain);
        bool hadDomain = _domain != null;
        _domain = domain;
        _identity = false;
        // Enabling paging with a new directory zaps the whole TLB, as rk_iommu_enable does.
        if (hadDomain) DriverInvalidate(new InvalidationRequest(InvalidationScope.TranslationAll));
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachIdentityCore(SimMaster master)
    {
        if (!_masters.Contains(master.Name)) { LastRefusalDetail = $"{master.Name} is not a master of {Name}"; return SimStatus.UnknownMaster; }
        if (Config.SingleActiveDomain)
        {
            // A GART remaps one aperture and has no way to pass DMA through; its driver offers no identity domain.
            LastRefusalDetail = "a GART has no identity domain: it only remaps its aperture";
            return SimStatus.DomainTypeUnsupported;
        }
        // rk_iommu_identity_attach / exynos_iommu_identity_attach / omap, sun50i, msm alike: the IOMMU is disabled
        // and the instance's masters reach physical memory untranslated.
        _identity = true;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override void AfterUnmap(Domain domain, ulong firstPfn, ulong pages) =>
        // rk_iommu_unmap and exynos_iommu_unmap zap the TLB lines of what they cleared before returning.
        DriverInvalidate(new InvalidationRequest(InvalidationScope.TranslationPage, domain.Id, 0, firstPfn << PageShift, pages << PageShift));

    /// <inheritdoc/>
    protected override SimStatus ValidateDomainId(uint domain) => SimStatus.Ok;

    /// <inheritdoc/>
    protected override SimStatus ValidateRange(uint domain, ulong iova, ulong last)
    {
        if (iova >= Config.ApertureStart && last <= Config.ApertureEnd) return SimStatus.Ok;
        LastRefusalDetail = $"aperture is 0x{Config.ApertureStart:x}-0x{Config.ApertureEnd:x}";
        return SimStatus.OutsideAperture;
    }

    /// <inheritdoc/>
    protected override ConfigEntry ReadConfig(uint sourceId, out FaultCode missing)
    {
        if (_identity)
        {
            missing = FaultCode.None;
            return new ConfigEntry(true, ConfigMode.Bypass, 0);
        }
        if (_domain is uint d)
        {
            missing = FaultCode.None;
            return ConfigEntry.Translating(d);
        }
        missing = SingleMasterFaultText.Code(SingleMasterFaultKind.NoDomain);
        return ConfigEntry.NotPresent;
    }

    /// <inheritdoc/>
    protected override FaultCode AddressFault(ulong iova) =>
        iova < Config.ApertureStart || iova > Config.ApertureEnd ? SingleMasterFaultText.Code(SingleMasterFaultKind.OutsideAperture) : FaultCode.None;

    /// <inheritdoc/>
    protected override FaultCode TranslationFault(DmaDirection direction) => SingleMasterFaultText.Code(SingleMasterFaultKind.PageNotPresent);

    /// <inheritdoc/>
    protected override FaultCode PermissionFault(DmaDirection direction) =>
        SingleMasterFaultText.Code(direction == DmaDirection.Write ? SingleMasterFaultKind.WriteToReadOnly : SingleMasterFaultKind.ReadFromWriteOnly);

    /// <inheritdoc/>
    protected override FaultCode AbortFault() => SingleMasterFaultText.Code(SingleMasterFaultKind.NoDomain);
}
