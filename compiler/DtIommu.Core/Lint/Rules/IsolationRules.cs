using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>Isolation rules: masters that end up sharing a translation context.</summary>
internal static class IsolationRules
{
    private const LintFamily F = LintFamily.Isolation;

    public static readonly LintRule SharedStreamId = new("DTI1201", "shared-stream-id",
        Severity.Error, F, "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c: arm_smmu_insert_master (and other drivers' probe_device)", "Two masters use the same ID on one IOMMU",
        "An IOMMU that gives each ID its own context (SMMUv3, VT-d, most multi-master IOMMUs) cannot tell the two masters apart: they share one translation, so neither is isolated from the other. SMMUv3 refuses the second (\"already in tree\").",
        "Give each master its own ID, or describe the pair as one device.",
        "error: the driver refuses the second master (or merges two devices the binding isolates).",
        new("/dma@2100000", "iommus"),
        IsolationChecks.SharedStreamId);

    public static readonly LintRule SmrOverlap = new("DTI1202", "smr-overlap",
        Severity.Note, F, "drivers/iommu/arm/arm-smmu/arm-smmu.c: arm_smmu_device_group", "An SMMUv2 stream match covers another master's stream",
        "arm-smmu matches streams with (ID, mask) SMRs; when one master's SMR covers another's ID both land in one stream-map group and one context, so they share a translation. Boards do this on purpose (a DMA engine and the controller it serves, EHCI and its OHCI companion), so it is a fact of the design: the two cannot be assigned apart.",
        "Give the masters disjoint stream matches if they must be isolated.",
        "note: boards share SMRs on purpose; the two are one IOMMU group.",
        new("/dma@2100000", "iommus"),
        IsolationChecks.SmrOverlap);

    public static readonly LintRule SmrPartialOverlap = new("DTI1203", "smr-partial-overlap",
        Severity.Error, F, "drivers/iommu/arm/arm-smmu/arm-smmu.c: arm_smmu_find_sme", "Two SMMUv2 stream matches partly overlap",
        "Two SMRs that match some but not all of each other's IDs cannot be merged into one group; arm-smmu refuses the second master (-EINVAL), leaving it without translation.",
        "Make the two stream matches disjoint, or one a superset of the other.",
        "error: arm-smmu refuses the second master (-EINVAL).",
        new("/dma@2100000", "iommus"),
        IsolationChecks.SmrPartialOverlap);

    public static readonly LintRule MapMergesRids = new("DTI1204", "iommu-map-merges-rids",
        Severity.Note, F, "drivers/of/base.c: of_map_id", "`iommu-map` folds several requester IDs onto one ID",
        "A mask or overlapping outputs make different PCI functions or devices produce the same stream ID: they share a context and cannot be isolated from each other. The map is written that way on purpose (controllers that tag a whole port with one stream ID), so this is a fact of the design.",
        "Use a mask or outputs that keep RIDs apart if functions must be isolated.",
        "note: controllers that tag a port with one stream ID are built that way.",
        new("/pcie@40000000", "iommu-map-mask"),
        IsolationChecks.MapMergesRids);

    public static readonly LintRule RidNotCovered = ObservationRule.Create("DTI1205", "pci-rid-not-covered",
        Severity.Note, F, "drivers/of/base.c: of_map_id", "`iommu-map` leaves requester IDs of the bus range uncovered",
        "Uncovered RIDs bypass translation in Linux (\"no iommu-map translation\") while the SMMU aborts or passes them through. Boards with one soldered-down endpoint per root port map only the RIDs they use, so this is a fact of the design; a device that is described in the tree and falls in a hole is reported by pci-function-bypasses-iommu. The virtio-iommu's own RID is exempt.",
        "Extend iommu-map over the whole bus range if more devices may appear.",
        "note: boards with one soldered-down endpoint map only the RIDs they use.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.PciRidNotCovered);

    public static readonly LintRule FunctionBypasses = ObservationRule.Create("DTI1210", "pci-function-bypasses-iommu",
        Severity.Warning, F, "drivers/of/base.c: of_map_id", "A PCI device described below the host bridge is not covered by `iommu-map`",
        "`of_map_id` finds no entry for the device's requester ID, so Linux sets it up without an IOMMU while the bridge's other devices are translated; an SMMU that aborts unknown stream IDs (disable_bypass, the default) then faults its DMA, one that bypasses leaves it unprotected.",
        "Extend iommu-map over the device's requester ID.",
        "warning: the device runs without an IOMMU next to translated ones, and an SMMU that aborts unknown streams faults its DMA.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.PciFunctionBypasses);

    public static readonly LintRule SingleMasterShared = ObservationRule.Create("DTI1206", "single-master-shared",
        Severity.Error, F, "drivers/iommu/rockchip-iommu.c and other single-master drivers", "A single-master IOMMU is used by several masters",
        "Rockchip, exynos, sprd and omap IOMMUs serve exactly one master: the driver records only one, and both masters program the same translation (the last attach wins).",
        "Give each master its own IOMMU instance.",
        "error: the driver keeps one master; both program one translation.",
        new("/iommu@1000000", null),
        ObservationKind.SingleMasterShared);

    public static readonly LintRule SharedSingleContext = new("DTI1207", "shared-single-context",
        Severity.Note, F, "the driver's device_group", "Masters share the single context of their IOMMU",
        "sun50i, mediatek v1, GART and fixed-association IOMMUs have one translation context per instance: every master behind it sees the same address space. Intended for some designs; worth knowing for isolation.",
        "Nothing to change unless those masters must be isolated.",
        "note: the IOMMU has one domain per instance or region by design.",
        new("/iommu@1000000", null),
        IsolationChecks.SharedSingleContext);

    public static readonly LintRule Unprotected = ObservationRule.Create("DTI1208", "unprotected-dma-master",
        Severity.Note, F, "drivers/iommu/of_iommu.c: of_iommu_configure", "A DMA master has no IOMMU while its siblings are behind one",
        "Linux does not look for an IOMMU on parent buses: a DMA-capable device without `iommus` does unrestricted DMA even though its neighbours are protected (QEMU virt's virtio-mmio devices are the classic case). Many SoCs wire some masters (general-purpose DMA engines such as PL330) past the IOMMU by design, so this is a fact to know, not a fault.",
        "Add iommus to the master if the hardware routes it through an IOMMU.",
        "note: many SoCs wire some masters past the IOMMU by design.",
        new("/dma@2100000", null),
        ObservationKind.UnprotectedDmaMaster);

    public static readonly LintRule SharedTceTable = new("DTI1209", "shared-tce-table",
        Severity.Note, F, "arch/powerpc/platforms/pseries/iommu.c", "PCI functions share one pSeries TCE table",
        "On pSeries the DMA window belongs to the partitionable endpoint: every function below one `ibm,dma-window` shares the TCE table and the IOMMU group.",
        "Nothing to change: split the PE if the functions must be isolated.",
        "note: a PE's functions share its window by design.",
        new("/pci@800000020000000", "ibm,dma-window"),
        IsolationChecks.SharedTceTable);
}
