using System.Collections.Generic;

namespace DtIommu.Simulation.Tce;

/// <summary>
/// pSeries TCE translation as the hypervisor and PHB do it: per-LIOBN windows, H_PUT_TCE bounds-checked against the
/// window (H_PARAMETER), read/write bits, one table per PE shared by its devices, and dynamic DMA window creation.
/// There is no guest-visible TCE cache: H_PUT_TCE is synchronous, so there is nothing to invalidate.
/// </summary>
public sealed class TceSimulator : IIommuSimulator
{
    private readonly Dictionary<uint, TceTable> _tables = [];
    private readonly Dictionary<uint, TceWindowConfig> _pes = [];
    private readonly Dictionary<uint, List<TceTable>> _peWindows = [];
    private readonly Dictionary<uint, uint> _sourcePe = [];
    private readonly Dictionary<uint, string> _peFirstMaster = [];
    private readonly HashSet<string> _masters = [];
    private TceTable? _last;

    /// <summary>Creates a hypervisor with no windows yet.</summary>
    public TceSimulator(string name)
    {
        Name = name;
        Faults = new FaultLog(name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Kind => "tce";

    /// <inheritdoc/>
    public FaultLog Faults { get; }

    /// <inheritdoc/>
    public string? LastRefusalDetail { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<InvalidationKind> Invalidations => [];

    /// <inheritdoc/>
    public long InvalidationCount => 0;

    /// <summary>The table behind a LIOBN, or null.</summary>
    public TceTable? Table(uint liobn) => _tables.TryGetValue(liobn, out var t) ? t : null;

    /// <summary>The windows of the PE whose default window is <paramref name="peLiobn"/>.</summary>
    public IReadOnlyList<TceTable> WindowsOf(uint peLiobn) => _peWindows.TryGetValue(peLiobn, out var l) ? l : [];

    /// <summary>LIOBN of the PE's window that holds <paramref name="ioba"/>, else the PE's default LIOBN (whose puts then fail).</summary>
    public uint WindowFor(uint peLiobn, ulong ioba)
    {
        foreach (var w in WindowsOf(peLiobn)) if (w.Contains(ioba)) return w.Liobn;
        return peLiobn;
    }

    /// <summary>Adds a PE with its default window.</summary>
    public SimStatus AddWindow(TceWindowConfig window)
    {
        LastRefusalDetail = null;
        if (window.Validate() is string e) { LastRefusalDetail = e; return SimStatus.TceParameter; }
        if (_tables.ContainsKey(window.Liobn)) { LastRefusalDetail = $"LIOBN 0x{window.Liobn:x} already exists"; return SimStatus.DuplicateName; }
        var table = new TceTable(window.Liobn, window.Liobn, window.Base, window.Size, window.PageShift, window.Vio, false);
        _tables[window.Liobn] = table;
        _pes[window.Liobn] = window;
        _peWindows[window.Liobn] = [table];
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public SimStatus AddMaster(SimMaster master, out string? groupPeer)
    {
        LastRefusalDetail = null;
        groupPeer = null;
        if (!_pes.ContainsKey(master.Liobn)) { LastRefusalDetail = $"no PE has default window LIOBN 0x{master.Liobn:x}"; return SimStatus.TceUnknownLiobn; }
        foreach (var s in master.SourceIds)
            if (_sourcePe.TryGetValue(s, out var other) && other != master.Liobn) { LastRefusalDetail = $"source 0x{s:x} is already in PE 0x{other:x}"; return SimStatus.TceWrongPe; }
        if (!_masters.Add(master.Name)) return SimStatus.DuplicateName;
        foreach (var s in master.SourceIds) _sourcePe[s] = master.Liobn;
        _sourcePe[master.WireSourceId] = master.Liobn;
        // Every device below the node with the window shares its table: pSeries registers the PE as one group.
        if (_peFirstMaster.TryGetValue(master.Liobn, out var first)) groupPeer = first;
        else _peFirstMaster[master.Liobn] = master.Name;
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public SimStatus AllocateDefaultDomain(SimMaster firstMember, out uint domain)
    {
        domain = firstMember.Liobn;
        return _pes.ContainsKey(domain) ? SimStatus.Ok : SimStatus.TceUnknownLiobn;
    }

    /// <inheritdoc/>
    public SimStatus Attach(SimMaster master, uint domain)
    {
        LastRefusalDetail = null;
        if (!_tables.TryGetValue(domain, out var table)) { LastRefusalDetail = $"no window has LIOBN 0x{domain:x}"; return SimStatus.TceUnknownLiobn; }
        if (table.PeLiobn != master.Liobn)
        {
            LastRefusalDetail = $"LIOBN 0x{domain:x} belongs to PE 0x{table.PeLiobn:x}, {master.Name} is in PE 0x{master.Liobn:x}";
            return SimStatus.TceWrongPe;
        }
        return SimStatus.Ok;
    }

    private TceTable? Find(uint liobn)
    {
        var last = _last;
        if (last != null && last.Liobn == liobn) return last;
        if (!_tables.TryGetValue(liobn, out var t)) return null;
        _last = t;
        return t;
    }

    /// <inheritdoc/>
    public string? LastWarning => null;

    /// <inheritdoc/>
    public int FlushQueueTimeout() => 0;

    /// <summary>Bytes of TCEs the last put wrote, including those written before an H_PUT_TCE failure.</summary>
    public ulong LastWrittenBytes { get; private set; }

    /// <inheritdoc/>
    public SimStatus Map(uint domain, ulong iova, ulong physical, ulong size, DmaPermission permission)
    {
        if ((permission & DmaPermission.ReadWrite) == DmaPermission.None) return SimStatus.NoPermission;
        return PutRange(domain, iova, physical, size, permission);
    }

    /// <inheritdoc/>
    public SimStatus Unmap(uint domain, ulong iova, ulong size) => PutRange(domain, iova, 0, size, DmaPermission.None);

    private SimStatus PutRange(uint liobn, ulong ioba, ulong physical, ulong size, DmaPermission permission)
    {
        LastRefusalDetail = null;
        var t = Find(liobn);
        if (t == null) { LastRefusalDetail = $"no window has LIOBN 0x{liobn:x}"; return SimStatus.TceUnknownLiobn; }
        if (size == 0) return SimStatus.EmptyRange;
        ulong page = 1UL << t.PageShift;
        if (((ioba | size | physical) & (page - 1)) != 0)
        {
            LastRefusalDetail = $"not aligned to the window's 0x{page:x}-byte TCE page";
            return SimStatus.TceParameter;
        }
        ulong count = size >> t.PageShift;
        LastWrittenBytes = 0;
        for (ulong i = 0; i < count; i++)
        {
            ulong a = ioba + (i << t.PageShift);
            // H_PUT_TCE checks each I/O bus address against the window; earlier puts of the batch stay done.
            if (a < ioba || !t.Contains(a))
            {
                LastRefusalDetail = $"H_PUT_TCE(0x{liobn:x}, ioba 0x{a:x}) outside window 0x{t.Base:x}-0x{t.Base + t.Size - 1:x}" +
                    (i > 0 ? $" after {i} TCE(s) were written" : "") +
                    (t.LinuxTableSize != t.Size && a - t.Base < t.LinuxTableSize ? $" (Linux rounded the table to 0x{t.LinuxTableSize:x})" : "");
                return SimStatus.TceParameter;
            }
            t.Put(a, permission == DmaPermission.None ? 0 : Pte.Make(physical + (i << t.PageShift), permission));
            LastWrittenBytes = (i + 1) << t.PageShift;
        }
        return SimStatus.Ok;
    }

    /// <inheritdoc/>
    public AccessResult Access(uint sourceId, ulong iova, DmaDirection direction)
    {
        var r = Translate(sourceId, iova, direction);
        if (!r.Allowed) Faults.Record(sourceId, iova, direction, r.Fault, false);
        return r;
    }

    private AccessResult Translate(uint sourceId, ulong iova, DmaDirection direction)
    {
        if (!_sourcePe.TryGetValue(sourceId, out var pe)) return AccessResult.Faulted(TceFaultText.Code(TceFaultKind.NoPe));
        TceTable? t = null;
        foreach (var w in _peWindows[pe]) if (w.Contains(iova)) { t = w; break; }
        if (t == null) return AccessResult.Faulted(TceFaultText.Code(TceFaultKind.OutsideWindow), pe);
        ulong tce = t.Get(iova);
        if (!Pte.Allows(tce, direction))
            return AccessResult.Faulted(TceFaultText.Code(direction == DmaDirection.Write ? TceFaultKind.WriteNotSet : TceFaultKind.ReadNotSet), t.Liobn);
        ulong mask = (1UL << t.PageShift) - 1;
        return AccessResult.Ok((tce & ~mask & Pte.AddressMask) | (iova & mask), t.Liobn, false, false);
    }

    /// <inheritdoc/>
    public InvalidationResult Invalidate(in InvalidationRequest request)
    {
        LastRefusalDetail = "H_PUT_TCE is synchronous: the hypervisor kills cached TCEs itself";
        return new InvalidationResult(SimStatus.InvalidationNotSupported, request.Scope, 0, false);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> PendingInvalidations() => [];

    /// <inheritdoc/>
    public bool IsInvalidationPending(uint domain, ulong iova, ulong size) => false;

    /// <summary>
    /// Creates a dynamic DMA window for the PE as enable_ddw does: query, remove the default window when no window is
    /// free (only if it is unused and the reset extension exists), pick the largest supported page size not above
    /// <paramref name="maxPageShift"/>, and check the size against the largest available block.
    /// </summary>
    public SimStatus CreateDdw(uint peLiobn, int windowShift, int maxPageShift, out TceTable? window)
    {
        LastRefusalDetail = null;
        window = null;
        if (!_pes.TryGetValue(peLiobn, out var pe)) { LastRefusalDetail = $"no PE has default window LIOBN 0x{peLiobn:x}"; return SimStatus.TceUnknownLiobn; }
        if (pe.Ddw is not TceDdwConfig ddw) { LastRefusalDetail = "the PE has no ibm,ddw-applicable"; return SimStatus.DdwNotApplicable; }
        var windows = _peWindows[peLiobn];
        foreach (var w in windows)
            if (w.IsDynamic) { LastRefusalDetail = $"the PE already has dynamic window 0x{w.Liobn:x}"; return SimStatus.DdwNoWindowAvailable; }
        int pageShift = -1;
        foreach (var s in ddw.EffectivePageShifts) if (s <= maxPageShift && s > pageShift) pageShift = s;
        if (pageShift < 0) { LastRefusalDetail = $"no supported page size is at most 2^{maxPageShift}"; return SimStatus.DdwPageSizeUnsupported; }
        if (windowShift < pageShift || windowShift > 63) { LastRefusalDetail = $"window-shift {windowShift} is below the page shift {pageShift} or above 63"; return SimStatus.DdwTooLarge; }
        ulong pages = 1UL << (windowShift - pageShift);
        if (pages > ddw.LargestBlock) { LastRefusalDetail = $"2^{windowShift} bytes need {pages} TCEs; the largest block is {ddw.LargestBlock}"; return SimStatus.DdwTooLarge; }
        if (windows.Count >= ddw.MaxWindows)
        {
            var dflt = windows[0];
            if (!ddw.ResetExtension || dflt.ValidEntries != 0)
            {
                LastRefusalDetail = !ddw.ResetExtension
                    ? "no window is available and ibm,ddw-extensions has no reset token"
                    : $"no window is available and the default window still holds {dflt.ValidEntries} TCE(s)";
                return SimStatus.DdwNoWindowAvailable;
            }
            windows.RemoveAt(0);
            _tables.Remove(dflt.Liobn);
            _last = null;
        }
        uint liobn = peLiobn | 1;
        window = new TceTable(liobn, peLiobn, ddw.WindowBase, 1UL << windowShift, pageShift, false, true);
        _tables[liobn] = window;
        windows.Add(window);
        return SimStatus.Ok;
    }
}
