using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>How a Linux IOMMU driver's <c>device_group</c> callback groups the masters of one instance.</summary>
public enum GroupingRule
{
    /// <summary>The simulator's own rules: PCI aliases and ACS, shared SMRs, duplicate stream IDs, one PE per table.</summary>
    ByIds,
    /// <summary><c>generic_single_device_group</c> or one group per IOVA region: every master of the instance in one group.</summary>
    PerInstance,
    /// <summary><c>generic_device_group</c> on hardware that holds one page table: a group per master, the last attach wins.</summary>
    PerDeviceSharedTable,
}

/// <summary>The <c>device_group</c> rule of each binding's Linux 6.12 driver (the check table the boot probe forms groups with).</summary>
public static class DriverGrouping
{
    private static readonly Dictionary<string, GroupingRule> Rules = new()
    {
        // rockchip-iommu.c, sprd-iommu.c, sun50i-iommu.c, omap-iommu.c: .device_group = generic_single_device_group.
        ["rockchip"] = GroupingRule.PerInstance,
        ["sprd"] = GroupingRule.PerInstance,
        ["sun50i"] = GroupingRule.PerInstance,
        ["ti-omap"] = GroupingRule.PerInstance,
        // ipmmu-vmsa.c: generic_single_device_group whenever IOMMU_DMA is built (arm64).
        ["renesas-ipmmu"] = GroupingRule.PerInstance,
        // mtk_iommu.c: one m4u_group per IOVA region; boards without bank regions have region 0 only.
        ["mtk-m4u"] = GroupingRule.PerInstance,
        // Multimedia M4Us with several IOVA regions: one group per region; the larb-to-region tables are the driver's,
        // so the probe keeps the instance as one group, as the binding's shared-context quirk does.
        ["mtk-m4u-multi-region"] = GroupingRule.PerInstance,
        // mtk_iommu_v1.c: per-device groups, but every master attaches to the M4U's one arm_iommu mapping domain
        // (attach ignores any other domain), so they share one address space: one group for the probe.
        ["mtk-m4u-v1"] = GroupingRule.PerInstance,
        // exynos-iommu.c: generic_device_group, but the SysMMU holds one page table: the last attach wins.
        ["exynos-sysmmu"] = GroupingRule.PerDeviceSharedTable,
    };

    /// <summary>The rule for a binding (by binding name); <see cref="GroupingRule.ByIds"/> when the driver groups by IDs.</summary>
    public static GroupingRule For(string? bindingName) =>
        bindingName != null && Rules.TryGetValue(bindingName, out var r) ? r : GroupingRule.ByIds;
}
