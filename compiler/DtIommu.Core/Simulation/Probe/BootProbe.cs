using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Model;

namespace DtIommu.Simulation.Probe;

/// <summary>
/// Boots a board's simulated IOMMUs the way Linux does and asks each master what it can reach: groups are formed by
/// the simulators and the drivers' grouping rules, each group is attached to its default domain, the DMA API maps a
/// buffer per master (IOVA allocated top-down in the window; <c>iommu-addresses</c> direct regions identity-mapped),
/// then every master issues accesses at every RAM range, every reserved region and every other master's buffer.
/// </summary>
/// <example>
/// <code>
/// var result = BootProbe.Run(model);
/// foreach (var c in result.Cells.Where(c => c.Region.Kind == ProbeRegionKind.Buffer &amp;&amp; c.Reaches))
///     Console.WriteLine($"{c.Master} reaches the buffer of {c.Region.Name}");
/// </code>
/// </example>
public sealed class BootProbe
{
    private const ulong Page = 0x1000;
    private readonly IommuModel _model;
    private readonly ProbeOptions _options;
    private readonly PlatformFromModel _built;
    private readonly Dictionary<(string Iommu, uint Domain), IovaAllocator> _allocators = [];
    private readonly Dictionary<string, ProbeMaster> _masters = [];
    private readonly List<ProbeMaster> _order = [];
    private readonly List<ProbeRegion> _regions = [];
    private readonly List<ProbeCell> _cells = [];
    private ulong _nextBuffer;

    private BootProbe(IommuModel model, ProbeOptions options)
    {
        _model = model;
        _options = options;
        _built = PlatformFromModel.Build(model, _options.IdentityDefaultDomains);
    }

    /// <summary>Runs the probe on <paramref name="model"/>.</summary>
    public static BootProbeResult Run(IommuModel model, ProbeOptions? options = null)
    {
        var p = new BootProbe(model, options ?? new ProbeOptions());
        p.Boot();
        p.ProbeBuffers();
        p.ProbeReserved();
        p.ProbeRam();
        // The type each group really got: a driver without an identity domain (a GART, VT-d without pass-through,
        // TCE) falls back to DMA, as iommu_group_alloc_default_domain does.
        var groups = p._built.Platform.Groups
            .Select(g => new ProbeGroup(g.Id, g.Iommu, g.Members.Select(m => m.Name).ToList(), g.DefaultDomain, g.DefaultDomain == IommuGroup.IdentityDomain ? "identity" : "dma"))
            .ToList();
        return new BootProbeResult(groups, p._regions, p._cells, p._built.Notes, p._built.Refused);
    }

    private static bool InIdentity(ProbeMaster p) => p.Sim != null && p.Sim.Group.CurrentDomain == IommuGroup.IdentityDomain;

    /// <summary>One master as the probe set it up.</summary>
    private sealed class ProbeMaster(DmaMaster model, PlatformMaster? sim, string? refusal)
    {
        public DmaMaster Model { get; } = model;
        public PlatformMaster? Sim { get; } = sim;
        public string? Refusal { get; } = refusal;
        public IommuInstance? Instance { get; set; }
        public ulong? BufferPhys { get; set; }
        public ulong? BufferDma { get; set; }
        public bool Translated => Sim != null;
    }

    private void Boot()
    {
        var refused = _built.Refused;
        foreach (var m in _model.Masters)
        {
            if (!m.Available) continue;
            var pm = _built.Platform.FindMaster(m.Path);
            var probe = new ProbeMaster(m, pm, refused.TryGetValue(m.Path, out var why) ? why : null);
            if (pm != null) probe.Instance = _model.FindInstance(pm.Iommu.Name);
            _masters[m.Path] = probe;
            _order.Add(probe);
        }
        // Default domains: identity-map the iommu-addresses direct regions, keep the others out of the allocator.
        foreach (var p in _order)
        {
            if (p.Sim == null || InIdentity(p)) continue;
            var alloc = Allocator(p);
            foreach (var r in p.Model.IovaReservations)
            {
                alloc.Reserve(r.Iova);
                if (!r.Direct) continue;
                ulong start = r.Iova.Start & ~(Page - 1), end = (r.Iova.End | (Page - 1));
                _built.Platform.Map(p.Sim, start, start, end - start + 1, DmaPermission.ReadWrite);
            }
        }
        // Each master gets one DMA buffer, as a driver's dma_alloc/dma_map at probe time would.
        foreach (var p in _order)
        {
            if (_model.Memory.Count == 0) break;
            ulong phys = BufferAddress();
            p.BufferPhys = phys;
            var (reach, dma, _) = MapAndAccess(p, phys);
            if (reach is ReachKind.ThroughIommu or ReachKind.Direct) p.BufferDma = dma;
            _regions.Add(new ProbeRegion(ProbeRegionKind.Buffer, p.Model.Path, new AddressRange(phys, phys + Page - 1)));
        }
    }

    // Buffers sit one page apart from 1 MiB into the first RAM range, where every board has memory.
    private ulong BufferAddress()
    {
        var ram = _model.Memory[0];
        ulong offset = ram.Size > 0x200000 ? 0x100000UL : 0UL;
        ulong at = ((ram.Start + Page - 1) & ~(Page - 1)) + offset + _nextBuffer;
        _nextBuffer += Page;
        return at <= ram.End ? at : ram.Start & ~(Page - 1);
    }

    private IovaAllocator Allocator(ProbeMaster p)
    {
        var sim = p.Sim!;
        uint domain = sim.Group.CurrentDomain;
        if (_allocators.TryGetValue((sim.Iommu.Name, domain), out var a)) return a;
        var window = p.Model.Window?.Range ?? p.Instance?.Aperture ?? new AddressRange(0, 0xFFFF_FFFF);
        // iommu_dma_init_domain: IOVAs never go above the domain's aperture (the table's input width).
        if (sim.Iommu is CachingIommuSimulator c && window.End > c.MaxIova && window.Start <= c.MaxIova)
            window = new AddressRange(window.Start, c.MaxIova);
        // iommu_dma_alloc_iova: nor above the device's DMA mask.
        ulong mask = _options.DmaMaskBits >= 64 ? ulong.MaxValue : (1UL << _options.DmaMaskBits) - 1;
        if (window.End > mask && window.Start <= mask) window = new AddressRange(window.Start, mask);
        a = new IovaAllocator(window);
        _allocators[(sim.Iommu.Name, domain)] = a;
        return a;
    }

    /// <summary>Maps <paramref name="phys"/> for the master the way the DMA API would, then has the master access it.</summary>
    private (ReachKind Reach, ulong Dma, string Detail) MapAndAccess(ProbeMaster p, ulong phys)
    {
        if (p.Sim == null) return p.Refusal != null || IsTranslatedInModel(p.Model) ? NotTranslated(p) : DirectAccess(p.Model.Translation, phys, "");

        if (InIdentity(p))
        {
            // The simulator's identity domain (pass-through context entry, bypass STE/S2CR, disabled IOMMU) decides.
            var through = _built.Platform.Access(p.Sim, DmaDirection.Write, phys);
            if (!through.Allowed) return (ReachKind.Faults, phys, $"identity domain: {through.Fault.Describe()}");
            return IommuOutput(p, phys, through.PhysicalAddress, "identity domain");
        }
        var alloc = Allocator(p);
        if (alloc.Allocate(Page) is not ulong iova) return (ReachKind.Unreachable, 0UL, "IOVA window exhausted");
        var mapped = _built.Platform.Map(p.Sim, iova, phys, Page, DmaPermission.ReadWrite);
        if (!mapped.IsOk) return (ReachKind.Unreachable, iova, $"map at IOVA 0x{iova:x} refused: {mapped.Detail}");
        var r = _built.Platform.Access(p.Sim, DmaDirection.Write, iova);
        if (!r.Allowed) return (ReachKind.Faults, iova, $"IOVA 0x{iova:x}: {r.Fault.Describe()}");
        if (r.PhysicalAddress != phys) return (ReachKind.Unreachable, iova, $"IOVA 0x{iova:x} reached 0x{r.PhysicalAddress:x}");
        return IommuOutput(p, iova, phys, $"IOVA 0x{iova:x}");
    }

    private static bool IsTranslatedInModel(DmaMaster m) => m.State is IommuState.Translated or IommuState.Partial;

    private (ReachKind, ulong, string) NotTranslated(ProbeMaster p) =>
        p.Refusal != null
            ? (ReachKind.Faults, 0UL, $"the IOMMU refused the master at probe ({p.Refusal}); its transactions match no context")
            : (ReachKind.NotSimulated, 0UL, "its IOMMU has no simulator");

    // The IOMMU emits the page-table output as a bus address; its own dma-ranges carry it to the CPU side.
    private (ReachKind, ulong, string) IommuOutput(ProbeMaster p, ulong dma, ulong phys, string how)
    {
        var own = p.Instance?.OwnTranslation;
        if (own == null || p.Instance!.Liobn != null || own.Outcome == TranslationOutcome.NoConstraint)
            return (ReachKind.ThroughIommu, dma, how);
        if (own.Outcome == TranslationOutcome.Invalid) return (ReachKind.Unreachable, dma, "the IOMMU's own dma-ranges are invalid");
        var lands = own.ToCpu(phys);
        if (lands == phys) return (ReachKind.ThroughIommu, dma, how);
        return (ReachKind.Unreachable, dma, lands is ulong l
            ? $"{how}: the IOMMU's output 0x{phys:x} lands at 0x{l:x} through its dma-ranges"
            : $"{how}: the IOMMU's output 0x{phys:x} is outside its dma-ranges");
    }

    private (ReachKind, ulong, string) DirectAccess(BusTranslation t, ulong phys, string prefix)
    {
        if (t.Outcome == TranslationOutcome.Invalid) return (ReachKind.Unreachable, 0UL, prefix + "dma-ranges are invalid: DMA configuration failed");
        if (DmaAddressOf(t, phys) is ulong dma) return (ReachKind.Direct, dma, prefix + $"bus 0x{dma:x}");
        // dma_capable fails: swiotlb bounces when its pool is addressable, else the mapping fails.
        ulong pool = _model.Memory.Count > 0 ? _model.Memory[0].Start : 0;
        if (_model.Memory.Count > 0 && DmaAddressOf(t, pool) is ulong poolDma)
            return (ReachKind.Bounced, poolDma, prefix + $"not addressable; bounced through swiotlb at 0x{pool:x}");
        return (ReachKind.Unreachable, 0UL, prefix + "not addressable and the swiotlb pool is not either");
    }

    // phys_to_dma through the bus_dma_region map (first region holding the CPU address wins).
    private static ulong? DmaAddressOf(BusTranslation t, ulong phys)
    {
        if (t.Outcome == TranslationOutcome.NoConstraint) return phys;
        if (t.Outcome != TranslationOutcome.Ranges) return null;
        foreach (var r in t.Regions)
        {
            if (r.Size == 0) return null;
            if (phys >= r.CpuStart && phys - r.CpuStart < r.Size) return unchecked(phys - r.Offset);
        }
        return null;
    }

    private void ProbeBuffers()
    {
        foreach (var a in _order)
            foreach (var b in _order)
            {
                if (a == b || b.BufferPhys is not ulong target) continue;
                var region = _regions.First(r => r.Kind == ProbeRegionKind.Buffer && r.Name == b.Model.Path);
                _cells.Add(new ProbeCell(a.Model.Path, region, target, StrayReach(a, target, b.BufferDma, out var detail), detail));
            }
    }

    // A stray access: the master issues the other buffer's DMA address (and, translated, its CPU address too) with
    // no mapping of its own. Reaching the target means the two are not isolated.
    private ReachKind StrayReach(ProbeMaster a, ulong target, ulong? otherDma, out string detail)
    {
        if (a.Sim == null)
        {
            if (IsTranslatedInModel(a.Model) || a.Refusal != null) { var (k, _, d) = NotTranslated(a); detail = d; return k; }
            var (kind, _, why) = DirectAccess(a.Model.Translation, target, "");
            // A stray access has no DMA API behind it to bounce: an address the device cannot emit is out of reach.
            detail = kind == ReachKind.Bounced ? "not addressable through its dma-ranges" : why;
            return kind == ReachKind.Bounced ? ReachKind.Unreachable : kind;
        }
        if (InIdentity(a))
        {
            var through = _built.Platform.Access(a.Sim, DmaDirection.Write, target);
            if (!through.Allowed) { detail = $"identity domain: {through.Fault.Describe()}"; return ReachKind.Faults; }
            var (kind, _, why) = IommuOutput(a, target, through.PhysicalAddress, "identity domain");
            detail = why;
            return kind;
        }
        string? fault = null;
        foreach (var dma in otherDma is ulong o && o != target ? new[] { o, target } : new[] { target })
        {
            var r = _built.Platform.Access(a.Sim, DmaDirection.Write, dma);
            if (r.Allowed && r.PhysicalAddress == target)
            {
                var (kind, _, why) = IommuOutput(a, dma, target, $"IOVA 0x{dma:x}");
                detail = why;
                return kind;
            }
            fault ??= r.Allowed ? $"IOVA 0x{dma:x} reaches 0x{r.PhysicalAddress:x} instead" : $"IOVA 0x{dma:x}: {r.Fault.Describe()}";
        }
        detail = fault!;
        return ReachKind.Faults;
    }

    private void ProbeReserved()
    {
        foreach (var res in _model.Reserved)
            foreach (var range in res.Ranges)
            {
                var region = new ProbeRegion(ProbeRegionKind.Reserved, res.Path, range);
                _regions.Add(region);
                ulong at = range.Start & ~(Page - 1);
                foreach (var p in _order)
                {
                    // A region the master names in memory-region is its DMA pool: the DMA API maps it for the master.
                    if (p.Model.MemoryRegions.Contains(res.Path))
                    {
                        var (k, _, d) = MapAndAccess(p, at);
                        _cells.Add(new ProbeCell(p.Model.Path, region, at, k, "memory-region: " + d));
                        continue;
                    }
                    _cells.Add(new ProbeCell(p.Model.Path, region, at, StrayReach(p, at, null, out var detail), detail));
                }
            }
    }

    private void ProbeRam()
    {
        foreach (var ram in _model.Memory)
        {
            var region = new ProbeRegion(ProbeRegionKind.Ram, ram.ToString(), ram);
            _regions.Add(region);
            foreach (var p in _order)
                foreach (var at in SampleAddresses(ram, p))
                {
                    var (k, _, d) = MapAndAccess(p, at);
                    _cells.Add(new ProbeCell(p.Model.Path, region, at, k, d));
                }
        }
    }

    // Both ends of the range, evenly spaced points, and both sides of every dma-ranges boundary inside it.
    private IEnumerable<ulong> SampleAddresses(AddressRange ram, ProbeMaster p)
    {
        var set = new SortedSet<ulong>();
        void Add(ulong a)
        {
            if (a < ram.Start || a > ram.End) return;
            ulong page = a & ~(Page - 1);
            set.Add(page < ram.Start ? ram.Start : page);
        }
        Add(ram.Start);
        Add(ram.End);
        ulong size = ram.End - ram.Start;
        for (int i = 1; i <= _options.SamplesPerRange; i++) Add(ram.Start + size / (ulong)(_options.SamplesPerRange + 1) * (ulong)i);
        var translations = new List<BusTranslation> { p.Model.Translation };
        if (p.Instance?.OwnTranslation is { } own) translations.Add(own);
        foreach (var t in translations)
        {
            if (t.Outcome != TranslationOutcome.Ranges) continue;
            foreach (var r in t.Regions)
            {
                if (r.Size == 0) break;
                Add(r.CpuStart);
                if (r.CpuStart > 0) Add(r.CpuStart - 1);
                ulong end = r.CpuStart + (r.Size - 1);
                if (end >= r.CpuStart) { Add(end); if (end < ulong.MaxValue) Add(end + 1); }
            }
        }
        return set;
    }
}
