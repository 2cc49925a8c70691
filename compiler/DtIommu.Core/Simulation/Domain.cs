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

    /// <summary>Changed entries not yet invalidated (an upper bound: repeated changes of one page count twice).</summary>
    public long PendingChanges { get; private set; }

    /// <summary>First frame of the changed range.</summary>
    public ulong PendingFirst { get; private set; }

    /// <summary>Last frame of the changed range.</summary>
    public ulong PendingLast { get; private set; }

    /// <summary>Records that the entry of <paramref name="pfn"/> changed in a way a cache may not have seen.</summary>
    public void MarkPending(ulong pfn)
    {
        if (PendingChanges == 0) { PendingFirst = pfn; PendingLast = pfn; }
        else
        {
            if (pfn < PendingFirst) PendingFirst = pfn;
            if (pfn > PendingLast) PendingLast = pfn;
        }
        PendingChanges++;
    }

    /// <summary>True when a change lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public bool HasPendingIn(ulong first, ulong last) => PendingChanges != 0 && first <= PendingLast && last >= PendingFirst;

    /// <summary>Forgets changes inside [<paramref name="first"/>, <paramref name="last"/>]; a range that covers only part of the changed span keeps it all, erring towards "not redundant".</summary>
    public void ClearPending(ulong first, ulong last)
    {
        if (PendingChanges != 0 && first <= PendingFirst && last >= PendingLast) PendingChanges = 0;
    }

    /// <summary>Forgets all pending changes.</summary>
    public void ClearPending() => PendingChanges = 0;
}
