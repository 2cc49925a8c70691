using System.Collections.Generic;

namespace DtIommu.Simulation.Smmu;

/// <summary>
/// An ARM SMMUv3: a linear stream table whose STEs abort until a domain is attached, stream IDs unique across masters
/// (duplicates inside one master are PCI aliases), an STE cache and a TLB tagged by ASID.
/// </summary>
public sealed class SmmuV3Simulator : CachingIommuSimulator
{
    private static readonly InvalidationKind[] Kinds =
    [
        new("tlbi-all", InvalidationScope.TranslationAll, "CMD_TLBI_NSNH_ALL"),
        new("tlbi-asid", InvalidationScope.TranslationDomain, "CMD_TLBI_NH_ASID"),
        new("tlbi-va", InvalidationScope.TranslationPage, "CMD_TLBI_NH_VA"),
        new("cfgi-all", InvalidationScope.ConfigAll, "CMD_CFGI_ALL"),
        new("cfgi-ste", InvalidationScope.ConfigDevice, "CMD_CFGI_STE"),
        new("atc-inv", InvalidationScope.DeviceTlb, "CMD_ATC_INV"),
    ];

    private readonly Dictionary<string, SimMaster> _masters = [];
    private readonly HashSet<uint> _defaultDomains = [];

    /// <summary>Creates an instance.</summary>
    public SmmuV3Simulator(string name, SmmuV3Config config)
        : base(name, config.InputAddressBits, new Iotlb(config.TlbSets, config.TlbWays), new ConfigCache(config.SteCacheSize))
    {
        Config = config;
        Streams = new StreamTable(config.StreamIdBits);
    }

    /// <summary>The parameters.</summary>
    public SmmuV3Config Config { get; }

    /// <summary>The stream table.</summary>
    public StreamTable Streams { get; }

    /// <inheritdoc/>
    public override string Kind => "smmu-v3";

    /// <inheritdoc/>
    public override IReadOnlyList<InvalidationKind> Invalidations => Kinds;

    /// <inheritdoc/>
    /// <remarks>The 4 KiB granule's pgsize_bitmap: 4 KiB pages, 2 MiB and 1 GiB blocks (io-pgtable-arm).</remarks>
    protected override int SuperpageLevels => 2;

    /// <inheritdoc/>
    protected override SimStatus AddMasterCore(SimMaster master, out string? groupPeer)
    {
        groupPeer = null;
        if (_masters.ContainsKey(master.Name)) return SimStatus.DuplicateName;
        foreach (var sid in master.SourceIds)
        {
            if (!Streams.InRange(sid)) { LastRefusalDetail = $"stream ID 0x{sid:x} is beyond the stream table (SIDSIZE {Config.StreamIdBits})"; return SimStatus.StreamIdOutOfRange; }
            var owner = Streams.OwnerOf(sid);
            if (owner != null && owner != master.Name) { LastRefusalDetail = $"stream {sid} already in tree from dev {owner}"; return SimStatus.DuplicateStreamId; }
        }
        _masters[master.Name] = master;
        // Until a domain is attached the STE aborts, as with disable_bypass.
        foreach (var sid in master.SourceIds) WriteSte(sid, master.Name, new ConfigEntry(true, ConfigMode.Abort, 0));
        return SimStatus.Ok;
    }

    private void WriteSte(uint sid, string owner, ConfigEntry ste)
    {
        var before = Streams[sid];
        Streams.Write(sid, owner, ste);
        ConfigChanged(sid, before, ste);
        // arm_smmu_write_ste always follows an STE update with CMD_CFGI_STE and a sync.
        if (before != ste && before.Present) DriverInvalidate(new InvalidationRequest(InvalidationScope.ConfigDevice, 0, sid));
    }

    /// <inheritdoc/>
    protected override SimStatus AllocateDefaultDomainCore(SimMaster firstMember, out uint domain)
    {
        for (uint d = 0xFFFF; d > 0; d--)
        {
            if (FindDomain(d) != null || _defaultDomains.Contains(d)) continue;
            _defaultDomains.Add(d);
            domain = d;
            return SimStatus.Ok;
        }
        domain = 0;
        return SimStatus.UnknownDomain;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachCore(SimMaster master, uint domain)
    {
        if (!_masters.ContainsKey(master.Name)) { LastRefusalDetail = $"{master.Name} was not added to {Name}"; return SimStatus.UnknownMaster; }
        var st = ValidateDomainId(domain);
        if (st != SimStatus.Ok) return st;
        GetOrCreateDomain(domain);
        foreach (var sid in master.SourceIds) WriteSte(sid, master.Name, ConfigEntry.Translating(domain));
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachIdentityCore(SimMaster master)
    {
        if (!_masters.ContainsKey(master.Name)) { LastRefusalDetail = $"{master.Name} was not added to {Name}"; return SimStatus.UnknownMaster; }
        // arm_smmu_attach_dev_identity -> arm_smmu_make_bypass_ste: STE.Config = bypass (0b100) for every stream.
        foreach (var sid in master.SourceIds) WriteSte(sid, master.Name, new ConfigEntry(true, ConfigMode.Bypass, 0));
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public override string? SyncCommand => "CMD_SYNC";

    /// <inheritdoc/>
    /// <remarks>SMMU_IDR0.ATS is assumed set: arm_smmu_enable_ats needs it, and CMD_ATC_INV then reaches the device.</remarks>
    protected override string? AtsUnsupportedReason => null;

    /// <inheritdoc/>
    protected override SimStatus ValidateDomainId(uint domain)
    {
        if (domain <= 0xFFFF) return SimStatus.Ok;
        LastRefusalDetail = "ASIDs have 16 bits";
        return SimStatus.UnknownDomain;
    }

    /// <inheritdoc/>
    protected override SimStatus ValidateRange(uint domain, ulong iova, ulong last)
    {
        if ((last >> Config.InputAddressBits) == 0) return SimStatus.Ok;
        LastRefusalDetail = $"input address size is {Config.InputAddressBits} bits";
        return SimStatus.BeyondAddressWidth;
    }

    /// <inheritdoc/>
    protected override ConfigEntry ReadConfig(uint sourceId, out FaultCode missing)
    {
        if (!Streams.InRange(sourceId)) { missing = SmmuFaultText.Code(SmmuV3EventKind.BadStreamId); return ConfigEntry.NotPresent; }
        var ste = Streams[sourceId];
        missing = ste.Present ? FaultCode.None : SmmuFaultText.Code(SmmuV3EventKind.BadSte);
        return ste;
    }

    /// <inheritdoc/>
    protected override FaultCode NotPresentConfigFault() => SmmuFaultText.Code(SmmuV3EventKind.BadSte);

    /// <inheritdoc/>
    protected override FaultCode AddressFault(ulong iova) =>
        (iova >> Config.InputAddressBits) != 0 ? SmmuFaultText.Code(SmmuV3EventKind.AddressSize) : FaultCode.None;

    /// <inheritdoc/>
    protected override FaultCode TranslationFault(DmaDirection direction) => SmmuFaultText.Code(SmmuV3EventKind.Translation);

    /// <inheritdoc/>
    protected override FaultCode PermissionFault(DmaDirection direction) => SmmuFaultText.Code(SmmuV3EventKind.Permission);

    /// <inheritdoc/>
    protected override FaultCode AbortFault() => SmmuFaultText.Code(SmmuV3EventKind.SteAbort);
}
