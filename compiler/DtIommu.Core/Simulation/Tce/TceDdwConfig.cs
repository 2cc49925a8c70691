using System.Collections.Generic;

namespace DtIommu.Simulation.Tce;

/// <summary>What <c>ibm,query-pe-dma-window</c> answers for a PE, and whether the reset extension exists.</summary>
/// <param name="MaxWindows">Windows the PE supports, default window included (QEMU: 2).</param>
/// <param name="PageShifts">Supported TCE page shifts (QEMU's 0x1211000: 4K, 64K, 2M, 16M → 12, 16, 21, 24).</param>
/// <param name="LargestBlock">Largest number of TCEs one window may have.</param>
/// <param name="WindowBase">Where the 64-bit window starts (QEMU: 2^59).</param>
/// <param name="ResetExtension"><c>ibm,ddw-extensions</c> has the reset token: the default window may be removed.</param>
public sealed record TceDdwConfig(
    int MaxWindows = 2,
    IReadOnlyList<int>? PageShifts = null,
    ulong LargestBlock = 1UL << 31,
    ulong WindowBase = 1UL << 59,
    bool ResetExtension = true)
{
    /// <summary>Supported page shifts, with QEMU's default.</summary>
    public IReadOnlyList<int> EffectivePageShifts => PageShifts ?? [12, 16, 21, 24];

    /// <summary>Why the parameters are impossible, or null.</summary>
    public string? Validate()
    {
        if (MaxWindows < 1) return "a PE has at least one window";
        foreach (var s in EffectivePageShifts) if (s < 12 || s > 34) return $"DDW page shift {s} must be 12..34";
        if (LargestBlock == 0) return "largest block must not be 0";
        return null;
    }
}
