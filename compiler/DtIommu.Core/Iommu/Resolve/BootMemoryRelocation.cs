using System.Collections.Generic;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>
/// Platforms whose early boot code moves RAM to another physical alias before any device probes, so that
/// <c>/memory</c> as written is not where Linux's RAM is.
/// </summary>
public static class BootMemoryRelocation
{
    // Keystone 2 (arch/arm/mach-keystone: keystone_pv_fixup) switches DDR from its 32-bit alias at 0x80000000 to the
    // 36-bit alias at 0x800000000 when LPAE is on; its buses' dma-ranges point at the high alias.
    private const ulong KeystoneLow = 0x80000000UL, KeystoneHigh = 0x800000000UL, KeystoneLowSize = 0x80000000UL;

    /// <summary>RAM as Linux sees it once the platform's boot code has run, for a board with root <paramref name="compatible"/>.</summary>
    public static List<AddressRange> Apply(IReadOnlyList<string> compatible, List<AddressRange> memory)
    {
        if (!System.Linq.Enumerable.Contains(compatible, "ti,keystone")) return memory;
        var moved = new List<AddressRange>();
        foreach (var r in memory)
        {
            if (r.Start >= KeystoneLow && r.End < KeystoneLow + KeystoneLowSize)
                moved.Add(new AddressRange(r.Start - KeystoneLow + KeystoneHigh, r.End - KeystoneLow + KeystoneHigh));
            else moved.Add(r);
        }
        return ReservedMemoryReader.Merge(moved);
    }
}
