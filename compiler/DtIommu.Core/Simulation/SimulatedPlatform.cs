using System.Collections.Generic;
using System.Linq;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.Tce;

namespace DtIommu.Simulation;

/// <summary>
/// A named set of simulated IOMMUs and the masters behind them, with the PCI topology and isolation groups.
/// Everything a trace does goes through here: attaches move whole groups, hot-added masters join their group's
/// current domain, and per-master operations resolve the master's domain and wire source ID.
/// </summary>
/// <example>
/// <code>
/// var platform = new SimulatedPlatform();
/// platform.AddIommu("dmar0", new VtdConfig(CachingMode: false, StrictUnmap: true));
/// platform.AddPciFunction(new PciFunction("br0", new PciAddress(1, 0, 0), PciDeviceKind.PcieToPciBridge, SecondaryBus: 2));
/// platform.AddMaster(new MasterSpec("nic", "dmar0", Pci: new PciFunction("nic", new PciAddress(2, 1, 0), PciDeviceKind.ConventionalDevice)));
/// platform.AddIommu("smmu0", new SmmuV2Config(NumSmrs: 16, NumContextBanks: 8, StreamIdBits: 15));
/// platform.AddMaster(new MasterSpec("gpu", "smmu0", StreamIds: [0x400], StreamMask: 0x3));
/// string report = TraceRunner.Run(File.ReadAllText(path), Path.GetFileName(path), platform);
/// </code>
/// </example>
public sealed class SimulatedPlatform
{
    private readonly Dictionary<string, IIommuSimulator> _iommus = [];
    private readonly List<IIommuSimulator> _iommuOrder = [];
    private readonly Dictionary<string, PlatformMaster> _masters = [];
    private readonly List<PlatformMaster> _masterOrder = [];
    private readonly List<IommuGroup> _groups = [];
    private readonly Dictionary<(string Iommu, int PciGroup), IommuGroup> _pciGroups = [];
    private readonly HashSet<string> _identityDefault = [];
    private readonly Dictionary<string, List<Domain>> _named = [];

    /// <summary>iommu.passthrough=1 for the groups of <paramref name="iommu"/>: their default domain is the identity domain where the driver has one.</summary>
    public void UseIdentityDefault(string iommu) => _identityDefault.Add(iommu);

    /// <summary>The PCI topology the PCI masters live in.</summary>
    public PciTopology Pci { get; } = new();

    /// <summary>IOMMUs in the order they were added.</summary>
    public IReadOnlyList<IIommuSimulator> Iommus => _iommuOrder;

    /// <summary>Masters in the order they were added.</summary>
    public IReadOnlyList<PlatformMaster> Masters => _masterOrder;

    /// <summary>Groups in creation order.</summary>
    public IReadOnlyList<IommuGroup> Groups => _groups;

    /// <summary>The IOMMU with this name, or null.</summary>
    public IIommuSimulator? FindIommu(string name) => _iommus.TryGetValue(name, out var s) ? s : null;

    /// <summary>The master with this name, or null.</summary>
    public PlatformMaster? FindMaster(string name) => _masters.TryGetValue(name, out var m) ? m : null;

    /// <summary>Adds a simulator built elsewhere.</summary>
    public PlatformOutcome AddIommu(IIommuSimulator simulator)
    {
        if (_iommus.ContainsKey(simulator.Name)) return new(SimStatus.DuplicateName, $"an IOMMU is already named '{simulator.Name}'");
        _iommus[simulator.Name] = simulator;
        _iommuOrder.Add(simulator);
        return new(SimStatus.Ok, simulator.Kind);
    }

    /// <summary>Builds a simulator from its parameters and adds it.</summary>
    public PlatformOutcome AddIommu(string name, IommuConfig config)
    {
        if (config.Validate() is string error) return new(SimStatus.InvalidConfiguration, error);
        return AddIommu(config.CreateSimulator(name));
    }

    /// <summary>Adds a PCI bridge or other non-master function to the topology.</summary>
    public PlatformOutcome AddPciFunction(PciFunction function)
    {
        var error = Pci.Add(function);
        if (error != null) return new(SimStatus.InvalidTopology, error);
        var alone = Pci.Functions.Where(f => f != function && Pci.GroupOf(f) == Pci.GroupOf(function)).Select(f => f.Name).ToList();
        return new(SimStatus.Ok, $"{function.Address} {function.Kind}" + (function.IsBridge ? $", buses {function.SecondaryBus:x2}-{function.Subordinate:x2}" : "") +
            (alone.Count > 0 ? $", not isolated from {string.Join(", ", alone)}" : ""));
    }

    /// <summary>Probes a master: registers its IDs with its IOMMU, puts it in a group and attaches it to the group's current domain.</summary>
    public PlatformOutcome AddMaster(MasterSpec spec)
    {
        if (_masters.ContainsKey(spec.Name)) return new(SimStatus.DuplicateName, $"a master is already named '{spec.Name}'");
        var sim = FindIommu(spec.Iommu);
        if (sim == null) return new(SimStatus.UnknownIommu, $"no IOMMU is named '{spec.Iommu}'");

        IReadOnlyList<uint> ids;
        uint wire;
        if (spec.Pci != null)
        {
            if (Pci.Find(spec.Pci.Name) == null && Pci.Add(spec.Pci) is string error) return new(SimStatus.InvalidTopology, error);
            var aliases = RequesterIdAliaser.Aliases(Pci, spec.Pci);
            ids = aliases.Select(a => (uint)a.RequesterId).Distinct().ToList();
            wire = aliases[aliases.Count - 1].RequesterId;
        }
        else
        {
            ids = spec.StreamIds ?? [];
            // Masters of #iommu-cells = 0 IOMMUs carry no ID; give each a distinct one above the 16-bit ID space.
            wire = ids.Count > 0 ? ids[0] : 0x10000u + (uint)_masterOrder.Count;
        }
        var simMaster = new SimMaster(spec.Name, ids, wire, spec.StreamMask, spec.Liobn, spec.Ats, spec.Virtual);
        var st = sim.AddMaster(simMaster, out var peer);
        if (st != SimStatus.Ok) return new(st, sim.LastRefusalDetail ?? SimStatusText.Describe(st));

        var master = new PlatformMaster(spec.Name, sim, simMaster, spec.Pci);
        IommuGroup? group = null;
        if (spec.Pci != null && Pci.GroupOf(spec.Pci) is int pciGroup) _pciGroups.TryGetValue((sim.Name, pciGroup), out group);
        if (group == null && peer != null && _masters.TryGetValue(peer, out var peerMaster)) group = peerMaster.Group;
        if (group == null && spec.GroupWith != null && _masters.TryGetValue(spec.GroupWith, out var withMaster) && withMaster.Iommu == sim) group = withMaster.Group;
        bool newGroup = group == null;
        string fallback = "";
        if (group == null)
        {
            uint defaultDomain = IommuGroup.IdentityDomain;
            if (_identityDefault.Contains(sim.Name) && !(sim is CachingIommuSimulator c && c.AttachIdentity(simMaster) == SimStatus.Ok))
            {
                // iommu_group_alloc_default_domain: when the global default type cannot be had, DMA is tried next.
                fallback = $"; no identity domain ({(sim as CachingIommuSimulator)?.LastRefusalDetail ?? $"the {sim.Kind} driver offers none"}), falls back to a DMA domain";
                defaultDomain = 0;
            }
            if (!_identityDefault.Contains(sim.Name) || fallback.Length > 0)
            {
                var dst = sim.AllocateDefaultDomain(simMaster, out defaultDomain);
                if (dst != SimStatus.Ok) return new(dst, sim.LastRefusalDetail ?? "no domain is free for the default domain");
            }
            group = new IommuGroup(_groups.Count, sim.Name, defaultDomain);
            _groups.Add(group);
            if (spec.Pci != null && Pci.GroupOf(spec.Pci) is int g) _pciGroups[(sim.Name, g)] = group;
        }
        master.Group = group;
        group.Add(master);
        _masters[spec.Name] = master;
        _masterOrder.Add(master);

        // A device probed into an existing group follows the group into whatever domain it uses now.
        var at = AttachOne(sim, simMaster, group.CurrentDomain);
        string dom = FormatDomain(master, group.CurrentDomain);
        string where = group.CurrentDomain == group.DefaultDomain ? $"domain {dom} (default)" : $"domain {dom} (group's current)";
        string groupText = newGroup ? $"new group {group.Id}" : $"joins group {group.Id} ({string.Join(", ", group.Members.Where(m => m != master).Select(m => m.Name))})";
        if (newGroup && spec.Pci != null && Pci.GroupOf(spec.Pci) is int pg)
        {
            // Bridges and other non-master functions that cannot be isolated from the master belong to the group too.
            var others = Pci.Functions.Where(f => f != spec.Pci && Pci.GroupOf(f) == pg && !_masters.ContainsKey(f.Name)).Select(f => f.Name).ToList();
            if (others.Count > 0) groupText += $" (with {string.Join(", ", others)})";
        }
        if (at != SimStatus.Ok) return new(at, $"{groupText}; attach to {where} failed: {sim.LastRefusalDetail ?? SimStatusText.Describe(at)}");
        string idText = spec.Pci != null
            ? $"rid {PciAddress.FromRequesterId(wire)}" + (ids.Count > 1 ? $" (aliases {string.Join(", ", ids.Select(i => PciAddress.FromRequesterId(i).ToString()))})" : "")
            : ids.Count > 0 ? $"id {string.Join(",", ids.Select(i => $"0x{i:x}"))}" + (spec.StreamMask != 0 ? $" mask 0x{spec.StreamMask:x}" : "") : "no ID";
        return new(SimStatus.Ok, $"{idText}{(spec.Ats ? ", ATS" : "")}{(spec.Virtual != VirtualDevice.None ? $", {spec.Virtual.ToString().ToLowerInvariant()}" : "")}; {groupText}; {where}{fallback}");
    }

    /// <summary>Attaches the master's whole group to <paramref name="domain"/>; either every member moves or none does.</summary>
    public PlatformOutcome Attach(string masterName, uint domain) =>
        domain == IommuGroup.IdentityDomain ? new(SimStatus.UnknownDomain, "that ID stands for the identity domain; attach the master to 'identity'") : AttachGroup(masterName, domain);

    /// <summary>Attaches the master's whole group to the driver's identity domain (pass-through).</summary>
    public PlatformOutcome AttachIdentity(string masterName)
    {
        if (FindMaster(masterName) is { Iommu: not CachingIommuSimulator } m)
            return new(SimStatus.DomainTypeUnsupported, $"the {m.Iommu.Kind} service offers no identity domain here; on pSeries DMA reaches RAM untranslated only through a direct-mapped DDW");
        return AttachGroup(masterName, IommuGroup.IdentityDomain);
    }

    /// <summary>
    /// Attaches the master's group to the software domain <paramref name="label"/>, created on first use. On VT-d one
    /// such domain may span several units: one page table, a DID on each unit it is attached to.
    /// </summary>
    public PlatformOutcome AttachNamed(string masterName, string label)
    {
        var master = FindMaster(masterName);
        if (master == null) return new(SimStatus.UnknownMaster, $"no master is named '{masterName}'");
        if (master.Iommu is not CachingIommuSimulator sim) return new(SimStatus.UnknownDomain, $"named domains need a page-table IOMMU; {master.Iommu.Name} is {master.Iommu.Kind}");
        _named.TryGetValue(label, out var views);
        var peer = views?.Find(v => v.Owner == sim) ?? views?[0];
        var st = sim.PlaceNamedDomain(label, peer, out uint id);
        if (st != SimStatus.Ok) return new(st, sim.LastRefusalDetail ?? SimStatusText.Describe(st));
        var d = sim.FindDomain(id)!;
        if (views == null) _named[label] = views = [];
        if (!views.Contains(d)) views.Add(d);
        var o = AttachGroup(masterName, id);
        if (o.IsOk && d.Peers is { Count: > 1 } peers)
            return new(o.Status, $"{o.Detail}; one page table on {peers.Count} units: {string.Join(", ", peers.Select(p => $"{p.Owner?.Name} DID {p.Id}"))}");
        return o;
    }

    private static SimStatus AttachOne(IIommuSimulator sim, SimMaster m, uint domain)
    {
        if (domain != IommuGroup.IdentityDomain) return sim.Attach(m, domain);
        if (sim is CachingIommuSimulator c) return c.AttachIdentity(m);
        return SimStatus.DomainTypeUnsupported;
    }

    /// <summary>The PCI function reset (FLR) of a master: its device TLB is emptied; the IOMMU keeps its tables, context entries and IOTLB.</summary>
    public PlatformOutcome Reset(PlatformMaster master)
    {
        int dropped = master.Iommu is CachingIommuSimulator c ? c.ResetDevice(master.Sim.WireSourceId) : -1;
        if (dropped < 0)
            return new(SimStatus.Ok, "no device TLB (no ATS): nothing was cached in the device; the IOMMU's tables and caches are unchanged");
        return new(SimStatus.Ok, $"device TLB emptied ({dropped} entr{(dropped == 1 ? "y" : "ies")} dropped); the IOMMU's tables, context entries and IOTLB are unchanged");
    }

    private PlatformOutcome AttachGroup(string masterName, uint domain)
    {
        var master = FindMaster(masterName);
        if (master == null) return new(SimStatus.UnknownMaster, $"no master is named '{masterName}'");
        var group = master.Group;
        // __iommu_attach_group: a group already moved off its default domain must be detached first (-EBUSY);
        // only the way back to the default domain (iommu_detach_group) is always open.
        if (domain != group.DefaultDomain && group.CurrentDomain != group.DefaultDomain)
            return new(SimStatus.DomainBusy, $"group {group.Id} is attached to domain {FormatDomain(master, group.CurrentDomain)}, not its default domain; detach it first");
        var done = new List<PlatformMaster>();
        foreach (var m in group.Members)
        {
            var st = AttachOne(m.Iommu, m.Sim, domain);
            if (st != SimStatus.Ok)
            {
                foreach (var d in done) AttachOne(d.Iommu, d.Sim, group.CurrentDomain);
                string why = m.Iommu.LastRefusalDetail ?? SimStatusText.Describe(st);
                return new(st, m == master ? why : $"{m.Name} of group {group.Id}: {why}");
            }
            done.Add(m);
        }
        group.CurrentDomain = domain;
        string suffix = domain == group.DefaultDomain ? " (default)" : "";
        var owner = domain == IommuGroup.IdentityDomain ? null : _groups.FirstOrDefault(g => g != group && g.DefaultDomain == domain && g.Iommu == group.Iommu && master.Iommu is not TceSimulator);
        if (owner != null)
            suffix += $"; warning: domain {FormatDomain(master, domain)} is the default domain of group {owner.Id} ({string.Join(", ", owner.Members.Select(m => m.Name))}): its DMA-API mappings are now reachable from this group";
        return new(SimStatus.Ok, $"group {group.Id} ({string.Join(", ", group.Members.Select(m => m.Name))}) -> domain {FormatDomain(master, domain)}{suffix}");
    }

    /// <summary>Returns the master's group to its default domain.</summary>
    public PlatformOutcome Detach(string masterName)
    {
        var master = FindMaster(masterName);
        return master == null ? new(SimStatus.UnknownMaster, $"no master is named '{masterName}'") : AttachGroup(masterName, master.Group.DefaultDomain);
    }

    /// <summary>The domain a master's mappings for <paramref name="iova"/> go to (for TCE, the PE window holding it).</summary>
    public uint DomainFor(PlatformMaster master, ulong iova) =>
        master.Iommu is TceSimulator tce ? tce.WindowFor(master.Sim.Liobn, iova) : master.Group.CurrentDomain;

    /// <summary>Maps a range in the master's current domain.</summary>
    public PlatformOutcome Map(PlatformMaster master, ulong iova, ulong physical, ulong size, DmaPermission permission)
    {
        uint domain = DomainFor(master, iova);
        if (domain == IommuGroup.IdentityDomain) return NotPaging();
        var st = master.Caching is CachingIommuSimulator c ? c.Map(domain, iova, physical, size, permission) : master.Iommu.Map(domain, iova, physical, size, permission);
        return st == SimStatus.Ok ? OkOutcome(master, domain) : new(st, master.Iommu.LastRefusalDetail ?? SimStatusText.Describe(st));
    }

    /// <summary><c>domain N</c> as reports print it; the master keeps the last one, as replays name the same domain over and over.</summary>
    public string DomainDetail(PlatformMaster master, uint domain) => OkOutcome(master, domain).Detail;

    // A successful map or unmap says only "domain N": the outcome is built once per master and domain.
    private static PlatformOutcome OkOutcome(PlatformMaster master, uint domain)
    {
        var cached = master.LastOk;
        if (cached != null && master.LastOkDomain == domain) return cached;
        cached = new PlatformOutcome(SimStatus.Ok, $"domain {FormatDomain(master, domain)}");
        master.LastOk = cached;
        master.LastOkDomain = domain;
        return cached;
    }

    /// <summary>Unmaps a range in the master's current domain.</summary>
    public PlatformOutcome Unmap(PlatformMaster master, ulong iova, ulong size)
    {
        uint domain = DomainFor(master, iova);
        if (domain == IommuGroup.IdentityDomain) return NotPaging();
        var st = master.Caching is CachingIommuSimulator c ? c.Unmap(domain, iova, size) : master.Iommu.Unmap(domain, iova, size);
        return st == SimStatus.Ok ? OkOutcome(master, domain) : new(st, master.Iommu.LastRefusalDetail ?? SimStatusText.Describe(st));
    }

    // iommu_map / iommu_unmap need __IOMMU_DOMAIN_PAGING; the identity domain has no table to write.
    private static PlatformOutcome NotPaging() => new(SimStatus.NotPagingDomain, "the group is in the identity domain, which has no page table (iommu_map needs a paging domain)");

    /// <summary>One DMA transaction from the master, carrying its wire source ID.</summary>
    public AccessResult Access(PlatformMaster master, DmaDirection direction, ulong iova) =>
        master.Caching is CachingIommuSimulator c ? c.Access(master.Sim.WireSourceId, iova, direction) : master.Iommu.Access(master.Sim.WireSourceId, iova, direction);

    /// <summary>Issues the named invalidation for the master's domain (and device, for device-selective kinds).</summary>
    public InvalidationResult Invalidate(PlatformMaster master, InvalidationKind kind, ulong iova = 0, ulong size = 0) =>
        master.Iommu.Invalidate(new InvalidationRequest(kind.Scope, DomainFor(master, iova), master.Sim.WireSourceId, iova, size));

    /// <summary>Every fault of every IOMMU, IOMMU by IOMMU.</summary>
    public IEnumerable<DmaFault> AllFaults() => _iommuOrder.SelectMany(i => i.Faults.Entries);

    /// <summary>A domain as reports print it: LIOBNs in hex on TCE, decimal IDs elsewhere.</summary>
    public static string FormatDomain(PlatformMaster master, uint domain)
    {
        if (domain == IommuGroup.IdentityDomain) return "identity";
        if (master.Iommu is TceSimulator) return $"0x{domain:x}";
        string id = domain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return master.Iommu is CachingIommuSimulator c && c.FindDomain(domain)?.Label is string label ? $"{label} ({(master.Iommu.Kind == "vtd" ? "DID " : "ID ")}{id})" : id;
    }
}
