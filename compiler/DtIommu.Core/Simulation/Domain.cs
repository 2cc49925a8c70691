using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>A translation domain: one page table plus the table changes no invalidation has covered yet.</summary>
public sealed class Domain
{
    /// <summary>Creates a domain whose table holds <paramref name="indexBits"/>-bit frame numbers.</summary>
    public Domain(uint id, int indexBits) : this(id, new PageTable(indexBits)) { }

    /// <summary>Creates a domain over an existing table (one dmar_domain attached to a second VT-d unit under its own DID).</summary>
    public Domain(uint id, PageTable table)
    {
        Id = id;
        Table = table;
    }

    /// <summary>Name of a domain declared by name in a trace (one software domain, possibly on several units), or null.</summary>
    public string? Label { get; internal set; }

    /// <summary>Every unit's view of the same software domain (this one included) when it spans several units, else null.</summary>
    public List<Domain>? Peers { get; internal set; }

    /// <summary>The simulator this DID lives on.</summary>
    public CachingIommuSimulator? Owner { get; internal set; }

    /// <summary>
    /// Caching mode only: the entries the host IOMMU still holds for frames the guest changed since their last
    /// invalidation (QEMU shadows a change into VFIO only when it is invalidated); every other frame agrees with the table.
    /// </summary>
    public Dictionary<ulong, ulong>? HostView { get; internal set; }

    /// <summary>Number of frames whose host entry lags behind the guest table.</summary>
    public int HostLag => HostView?.Count ?? 0;

    /// <summary>The entry the host IOMMU holds for <paramref name="pfn"/>.</summary>
    public ulong HostEntry(ulong pfn) => HostView != null && HostView.TryGetValue(pfn, out var old) ? old : Table.Get(pfn);

    /// <summary>Before the guest changes [<paramref name="first"/>, <paramref name="last"/>]: remembers what the host still holds there.</summary>
    internal void BeforeChange(ulong first, ulong last)
    {
        if (Peers == null) { Remember(this, first, last); return; }
        foreach (var p in Peers) Remember(p, first, last);

        static void Remember(Domain d, ulong first, ulong last)
        {
            if (d.HostView is not { } view) return;
            for (ulong pfn = first; ; pfn++)
            {
                if (!view.ContainsKey(pfn)) view[pfn] = d.Table.Get(pfn);
                if (pfn == last) break;
            }
        }
    }

    /// <summary>An invalidation of [<paramref name="first"/>, <paramref name="last"/>] reached QEMU: the host now matches the guest there.</summary>
    internal void HostCatchUp(ulong first, ulong last)
    {
        if (HostView is not { Count: > 0 } view) return;
        if (first == 0 && last == ulong.MaxValue) { view.Clear(); return; }
        if (last - first < (ulong)view.Count)
        {
            for (ulong pfn = first; ; pfn++) { view.Remove(pfn); if (pfn == last) break; }
            return;
        }
        var done = new List<ulong>();
        foreach (var pfn in view.Keys) if (pfn >= first && pfn <= last) done.Add(pfn);
        foreach (var pfn in done) view.Remove(pfn);
    }

    /// <summary>Domain ID (VT-d DID, SMMU ASID, LIOBN, ...).</summary>
    public uint Id { get; }

    /// <summary>The page table.</summary>
    public PageTable Table { get; }

    /// <summary>Frames whose entries changed in a way a cache may not have seen.</summary>
    public PendingRanges Pending { get; } = new();

    /// <summary>Records that the entry of <paramref name="pfn"/> changed.</summary>
    public void MarkPending(ulong pfn) => MarkPending(pfn, pfn);

    /// <summary>Records that the entries of [<paramref name="first"/>, <paramref name="last"/>] changed, on every unit that shares the table.</summary>
    public void MarkPending(ulong first, ulong last)
    {
        if (Peers == null) { Pending.Mark(first, last); return; }
        foreach (var p in Peers) p.Pending.Mark(first, last);
    }

    /// <summary>True when a change lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public bool HasPendingIn(ulong first, ulong last) => Pending.Overlaps(first, last);

    /// <summary>Forgets changes inside [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public void ClearPending(ulong first, ulong last) => Pending.Clear(first, last);

    /// <summary>Forgets all pending changes.</summary>
    public void ClearPending() => Pending.ClearAll();
}
