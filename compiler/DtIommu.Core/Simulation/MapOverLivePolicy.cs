namespace DtIommu.Simulation;

/// <summary>What a driver does when asked to map over a live entry, and to unmap where nothing is mapped.</summary>
public enum MapOverLivePolicy
{
    /// <summary>io-pgtable-arm: map over a leaf is -EEXIST with a WARN and nothing written; unmap stops with a WARN at the first empty entry.</summary>
    RefuseExistWarn,
    /// <summary>Rockchip/Exynos: map over a valid entry unwinds with -EADDRINUSE; unmap stops at the first invalid entry.</summary>
    RefuseInUse,
    /// <summary>VT-d <c>__domain_mapping</c>: the cmpxchg fails, the old PTE stays, "already set" WARN, map returns 0; unmap of nothing is silent.</summary>
    KeepOldWarn,
}
