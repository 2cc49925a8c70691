namespace DtIommu.Simulation;

/// <summary>A translation domain: one page table plus the table changes no invalidation has covered yet.</summary>
public sealed class Domain
{
    /// <summary>Creates a domain whose table holds <paramref name="indexBits"/>-bit frame numbers.</summary>
    public Domain(uint id, int indexBits)
    {
        Id = id;
        Table = new PageTable(indexBits);
    }

    /// <summary>Domain ID (VT-d DID, SMMU ASID, LIOBN, ...).</summary>
    public uint Id { get; }

    /// <summary>The page table.</summary>
    public PageTable Table { get; }

    /// <summary>Frames whose entries changed in a way a cache may not have seen.</summary>
    public PendingRanges Pending { get; } = new();

    /// <summary>Records that the entry of <paramref name="pfn"/> changed.</summary>
    public void MarkPending(ulong pfn) => Pending.Mark(pfn, pfn);

    /// <summary>True when a change lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public bool HasPendingIn(ulong first, ulong last) => Pending.Overlaps(first, last);

    /// <summary>Forgets changes inside [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public void ClearPending(ulong first, ulong last) => Pending.Clear(first, last);

    /// <summary>Forgets all pending changes.</summary>
    public void ClearPending() => Pending.ClearAll();
}
