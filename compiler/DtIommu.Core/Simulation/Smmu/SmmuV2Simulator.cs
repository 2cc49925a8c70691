using System.Collections.Generic;

namespace DtIommu.Simulation.Smmu;

/// <summary>
/// An ARM SMMU v1/v2: stream match registers with ID/mask matching, the reuse and overlap rules of
/// <c>arm_smmu_find_sme</c>, S2CRs pointing at a limited number of context banks, and a TLB per context bank.
/// </summary>
public sealed class SmmuV2Simulator : CachingIommuSimulator
{
    private static readonly InvalidationKind[] Kinds =
    [
        new("tlbi-all", InvalidationScope.TranslationAll, "TLBIALLNSNH: every non-secure context"),
        new("tlbi-context", InvalidationScope.TranslationDomain, "TLBIASID/TLBIVMID: one context bank"),
        new("tlbi-va", InvalidationScope.TranslationPage, "TLBIVA: one address range in a context bank"),
    ];

    private readonly StreamMatchRegister[] _smrs;
    private readonly StreamToContext[] _s2crs;
    private readonly int[] _smeRefs;
    private readonly string?[] _smeGroup;
    private readonly uint?[] _cbDomain;
    private readonly Dictionary<uint, int> _domainCb = [];
    private readonly Dictionary<string, List<int>> _masterSmes = [];
    private readonly Dictionary<string, string> _masterGroup = [];
    private readonly HashSet<uint> _defaultDomains = [];

    /// <summary>Creates an instance.</summary>
    public SmmuV2Simulator(string name, SmmuV2Config config)
        : base(name, config.InputAddressBits, new Iotlb(config.TlbSets, config.TlbWays), null)
    {
        Config = config;
        int entries = config.StreamIndexing ? 1 << config.StreamIdBits : config.NumSmrs;
        _smrs = new StreamMatchRegister[config.StreamIndexing ? 0 : entries];
        _s2crs = new StreamToContext[entries];
        _smeRefs = new int[entries];
        _smeGroup = new string?[entries];
        _cbDomain = new uint?[config.NumContextBanks];
    }

    /// <summary>The parameters.</summary>
    public SmmuV2Config Config { get; }

    /// <summary>The stream match registers (empty with stream indexing).</summary>
    public IReadOnlyList<StreamMatchRegister> StreamMatchRegisters => _smrs;

    /// <summary>The S2CRs, by SMR index or (stream indexing) by stream ID.</summary>
    public IReadOnlyList<StreamToContext> StreamToContexts => _s2crs;

    /// <summary>Domain held by each context bank, null when free.</summary>
    public IReadOnlyList<uint?> ContextBanks => _cbDomain;

    /// <inheritdoc/>
    public override string Kind => "smmu-v2";

    /// <inheritdoc/>
    public override IReadOnlyList<InvalidationKind> Invalidations => Kinds;

    /// <inheritdoc/>
    /// <remarks>The 4 KiB granule's pgsize_bitmap: 4 KiB pages, 2 MiB and 1 GiB blocks (io-pgtable-arm).</remarks>
    protected override int SuperpageLevels => 2;

    /// <inheritdoc/>
    protected override SimStatus AddMasterCore(SimMaster master, out string? groupPeer)
    {
        groupPeer = null;
        if (_masterSmes.ContainsKey(master.Name)) return SimStatus.DuplicateName;
        uint limit = Config.StreamIdMask, mask = master.StreamMask;
        foreach (var id in master.SourceIds)
            if ((id & ~limit) != 0) { LastRefusalDetail = $"stream ID 0x{id:x} out of range for SMMU (0x{limit:x})"; return SimStatus.StreamIdOutOfRange; }
        if ((mask & ~limit) != 0) { LastRefusalDetail = $"SMR mask 0x{mask:x} out of range for SMMU (0x{limit:x})"; return SimStatus.SmrMaskOutOfRange; }

        var taken = new List<int>();
        var created = new List<int>();
        string? group = null;
        foreach (var id in master.SourceIds)
        {
            int conflict = -1;
            int idx = Config.StreamIndexing ? (int)id : FindSme(id, mask, out conflict);
            if (idx == -1)
            {
                Rollback(taken, created);
                LastRefusalDetail = $"SMR id 0x{id:x} mask 0x{mask:x} partially overlaps {_smrs[conflict]} (index {conflict}, used by {_smeGroup[conflict]})";
                return SimStatus.SmrOverlap;
            }
            if (idx == -2)
            {
                Rollback(taken, created);
                LastRefusalDetail = $"all {Config.NumSmrs} stream match registers are in use";
                return SimStatus.NoFreeSmr;
            }
            if (_smeRefs[idx] > 0 && !created.Contains(idx))
            {
                var owner = _smeGroup[idx]!;
                if (group != null && group != owner)
                {
                    Rollback(taken, created);
                    LastRefusalDetail = $"its stream map entries belong to the groups of {group} and {owner}";
                    return SimStatus.MasterInTwoGroups;
                }
                group = owner;
            }
            else if (_smeRefs[idx] == 0)
            {
                if (!Config.StreamIndexing) _smrs[idx] = new StreamMatchRegister(id, mask, true);
                _s2crs[idx] = new StreamToContext(S2crType.Fault, 0);
                created.Add(idx);
            }
            _smeRefs[idx]++;
            taken.Add(idx);
        }
        group ??= master.Name;
        foreach (var idx in created) _smeGroup[idx] = group;
        _masterSmes[master.Name] = taken;
        _masterGroup[master.Name] = group;
        groupPeer = group == master.Name ? null : group;
        return SimStatus.Ok;
    }

    /// <summary>arm_smmu_find_sme: the covering SMR's index, a free index, -1 for an overlap (index in <paramref name="conflict"/>), -2 when full.</summary>
    private int FindSme(uint id, uint mask, out int conflict)
    {
        conflict = -1;
        int free = -1;
        for (int i = 0; i < _smrs.Length; i++)
        {
            var smr = _smrs[i];
            if (!smr.Valid)
            {
                if (free < 0) free = i;
                continue;
            }
            if (smr.Covers(id, mask)) return i;
            if (smr.Overlaps(id, mask)) { conflict = i; return -1; }
        }
        return free >= 0 ? free : -2;
    }

    private void Rollback(List<int> taken, List<int> created)
    {
        foreach (var idx in taken) _smeRefs[idx]--;
        foreach (var idx in created)
        {
            if (!Config.StreamIndexing) _smrs[idx] = default;
            _smeGroup[idx] = null;
        }
    }

    /// <inheritdoc/>
    protected override SimStatus AllocateDefaultDomainCore(SimMaster firstMember, out uint domain)
    {
        for (uint d = 0xFFFF; d > 0; d--)
        {
            if (_domainCb.ContainsKey(d) || _defaultDomains.Contains(d)) continue;
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
        if (!_masterSmes.TryGetValue(master.Name, out var smes)) { LastRefusalDetail = $"{master.Name} was not added to {Name}"; return SimStatus.UnknownMaster; }
        if (!_domainCb.TryGetValue(domain, out int cb))
        {
            cb = -1;
            for (int i = 0; i < _cbDomain.Length && cb < 0; i++) if (_cbDomain[i] == null) cb = i;
            if (cb < 0)
            {
                LastRefusalDetail = $"all {_cbDomain.Length} context banks hold domains";
                return SimStatus.NoFreeContextBank;
            }
            _cbDomain[cb] = domain;
            _domainCb[domain] = cb;
        }
        GetOrCreateDomain(domain);
        foreach (var idx in smes) _s2crs[idx] = new StreamToContext(S2crType.Translate, cb);
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    protected override SimStatus AttachIdentityCore(SimMaster master)
    {
        if (!_masterSmes.TryGetValue(master.Name, out var smes)) { LastRefusalDetail = $"{master.Name} was not added to {Name}"; return SimStatus.UnknownMaster; }
        // arm_smmu_attach_dev_identity -> arm_smmu_attach_dev_type(S2CR_TYPE_BYPASS): the S2CRs bypass translation.
        foreach (var idx in smes) _s2crs[idx] = new StreamToContext(S2crType.Bypass, 0);
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    /// <remarks>TLBI writes are posted; arm_smmu_tlb_sync_context writes TLBSYNC and polls TLBSTATUS before the driver relies on them.</remarks>
    public override string? SyncCommand => "TLBSYNC";

    /// <summary>The context bank holding <paramref name="domain"/>, or -1.</summary>
    public int ContextBankOf(uint domain) => _domainCb.TryGetValue(domain, out int cb) ? cb : -1;

    /// <inheritdoc/>
    protected override SimStatus ValidateDomainId(uint domain) => SimStatus.Ok;

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
        missing = FaultCode.None;
        int idx = -1;
        if (Config.StreamIndexing)
        {
            if (sourceId < (uint)_s2crs.Length) idx = (int)sourceId;
        }
        else
        {
            for (int i = 0; i < _smrs.Length; i++)
                if (_smrs[i].Matches(sourceId)) { idx = i; break; }
        }
        if (idx < 0 || (Config.StreamIndexing && _smeRefs[idx] == 0))
        {
            if (Config.BypassUnidentified) return new ConfigEntry(true, ConfigMode.Bypass, 0);
            missing = SmmuFaultText.Code(SmmuV2FaultKind.UnidentifiedStream);
            return ConfigEntry.NotPresent;
        }
        var s2cr = _s2crs[idx];
        return s2cr.Type switch
        {
            S2crType.Translate => ConfigEntry.Translating(_cbDomain[s2cr.ContextBank] ?? 0),
            S2crType.Bypass => new ConfigEntry(true, ConfigMode.Bypass, 0),
            _ => new ConfigEntry(true, ConfigMode.Abort, 0),
        };
    }

    /// <inheritdoc/>
    protected override FaultCode AddressFault(ulong iova) =>
        (iova >> Config.InputAddressBits) != 0 ? SmmuFaultText.Code(SmmuV2FaultKind.AddressSize) : FaultCode.None;

    /// <inheritdoc/>
    protected override FaultCode TranslationFault(DmaDirection direction) => SmmuFaultText.Code(SmmuV2FaultKind.Translation);

    /// <inheritdoc/>
    protected override FaultCode PermissionFault(DmaDirection direction) => SmmuFaultText.Code(SmmuV2FaultKind.Permission);

    /// <inheritdoc/>
    protected override FaultCode AbortFault() => SmmuFaultText.Code(SmmuV2FaultKind.S2crFault);
}
