using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>The faults an IOMMU recorded, oldest first; recording allocates only on faults, never on successful accesses.</summary>
public sealed class FaultLog
{
    private readonly List<DmaFault> _entries = [];
    private readonly string _iommu;

    /// <summary>Creates an empty log for the named IOMMU.</summary>
    public FaultLog(string iommu) => _iommu = iommu;

    /// <summary>Recorded faults, oldest first.</summary>
    public IReadOnlyList<DmaFault> Entries => _entries;

    /// <summary>Number of recorded faults.</summary>
    public int Count => _entries.Count;

    /// <summary>Records a fault and returns it.</summary>
    public DmaFault Record(uint sourceId, ulong iova, DmaDirection direction, FaultCode fault, bool stale)
    {
        var f = new DmaFault(_iommu, sourceId, iova, direction, fault, stale);
        _entries.Add(f);
        return f;
    }

    /// <summary>Forgets all recorded faults.</summary>
    public void Clear() => _entries.Clear();
}
