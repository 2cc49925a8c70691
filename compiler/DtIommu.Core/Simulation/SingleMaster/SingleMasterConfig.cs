using System.Collections.Generic;

namespace DtIommu.Simulation.SingleMaster;

/// <summary>Parameters of a single-master IOMMU (Rockchip, Exynos SysMMU, Spreadtrum, OMAP, Tegra GART).</summary>
/// <param name="ApertureStart">First IOVA the IOMMU translates.</param>
/// <param name="ApertureEnd">Last IOVA it translates (inclusive): 4 GiB−1 for most, 256 MiB−1 for sprd, reg[1] for the GART.</param>
/// <param name="PageSizes">Supported page sizes; mappings must be aligned to the smallest.</param>
/// <param name="SingleActiveDomain">GART-like: a second domain is refused with -EBUSY instead of replacing the first (Rockchip).</param>
/// <param name="TlbEntries">TLB entries (power of two).</param>
/// <param name="PerDeviceGroups">The driver gives each master its own group (exynos: generic_device_group) although the instance holds one table.</param>
public sealed record SingleMasterConfig(
    ulong ApertureStart = 0,
    ulong ApertureEnd = 0xFFFF_FFFF,
    IReadOnlyList<ulong>? PageSizes = null,
    bool SingleActiveDomain = false,
    int TlbEntries = 64,
    bool PerDeviceGroups = false) : IommuConfig
{
    /// <inheritdoc/>
    public override string Kind => "single-master";

    /// <summary>The smallest supported page size (4 KiB when none is given).</summary>
    public ulong MinPageSize
    {
        get
        {
            ulong min = 0;
            foreach (var p in PageSizes ?? [4096UL]) if (min == 0 || p < min) min = p;
            return min;
        }
    }

    /// <inheritdoc/>
    public override string? Validate()
    {
        if (ApertureEnd < ApertureStart) return "the aperture ends before it starts";
        foreach (var p in PageSizes ?? [4096UL])
            if (p < 4096 || (p & (p - 1)) != 0) return $"page size 0x{p:x} is not a power of two of at least 4 KiB";
        if (((ApertureStart | (ApertureEnd + 1)) & (MinPageSize - 1)) != 0) return "the aperture is not aligned to the smallest page size";
        if (TlbEntries < 1 || (TlbEntries & (TlbEntries - 1)) != 0) return "TLB size must be a power of two";
        return null;
    }

    /// <inheritdoc/>
    public override IIommuSimulator CreateSimulator(string name) => new SingleMasterSimulator(name, this);
}
