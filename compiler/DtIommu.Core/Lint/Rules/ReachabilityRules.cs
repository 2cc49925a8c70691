using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>Reachability rules: the physical memory each master's DMA can land in.</summary>
internal static class ReachabilityRules
{
    private const LintFamily F = LintFamily.Reachability;

    public static readonly LintRule NoRam = new("DTI1301", "no-reachable-ram",
        Severity.Error, F, "kernel/dma/direct.c: dma_capable", "A DMA master can reach no RAM",
        "Through its bus `dma-ranges` (or, behind an IOMMU, the IOMMU's own parent path) none of the `/memory` ranges is reachable: every DMA buffer must bounce, or DMA fails.",
        "Fix dma-ranges so that the bus reaches RAM (or the IOMMU's parent path does).",
        "error: every DMA of the device fails or bounces through a buffer it cannot reach.",
        new("/bus@3000000/dma@1000", null),
        ReachabilityChecks.NoRam);

    public static readonly LintRule PartialRam = new("DTI1302", "partial-ram-reach",
        Severity.Note, F, "kernel/dma/direct.c, kernel/dma/swiotlb.c", "A DMA master without IOMMU reaches only part of RAM",
        "The bus limits (`dma-ranges`) leave some RAM out of reach: Linux bounces buffers placed there through swiotlb, which costs copies. Controllers limited to 32-bit or low memory are common by design, so this is a fact, not a fault.",
        "Widen dma-ranges if the hardware reaches more RAM.",
        "note: 32-bit or low-memory controllers are common; swiotlb bounces.",
        new("/bus@3000000/dma@1000", null),
        ReachabilityChecks.PartialRam);

    public static readonly LintRule ReachesNoMap = new("DTI1303", "reaches-no-map-memory",
        Severity.Note, F, "drivers/iommu/of_iommu.c (no IOMMU)", "An untranslated DMA master can reach no-map (firmware or secure) memory",
        "On a board that protects its masters with an IOMMU, a master without one (none described, disabled, or dropped by Linux) can write into `no-map` reserved memory such as firmware or secure carve-outs. Nothing but a firewall outside the device tree stops it, which is how most SoCs are built: a fact of the design.",
        "Put the master behind an IOMMU if firmware memory must be protected from it.",
        "note: most SoCs leave such masters unprotected by design.",
        new("/dma@2100000", null),
        ReachabilityChecks.ReachesNoMap);

    public static readonly LintRule IdentityOutsideMemory = new("DTI1304", "identity-map-outside-memory",
        Severity.Error, F, "drivers/iommu/iommu.c: iommu_create_device_direct_mappings", "An identity mapping points at memory that does not exist",
        "A reserved-memory node with `reg` equal to its `iommu-addresses` asks the IOMMU to identity-map that range; it must lie in `/memory` or `/reserved-memory`.",
        "Point the identity range at RAM.",
        "error: the IOMMU maps the device onto memory that does not exist.",
        new("/reserved-memory/framebuffer@20000000", "reg"),
        ReachabilityChecks.IdentityOutsideMemory);

    public static readonly LintRule WalkUnreachable = new("DTI1305", "iommu-walk-unreachable",
        Severity.Error, F, "the IOMMU's page-table walker (its parent's dma-ranges)", "The IOMMU's own table walks cannot reach RAM",
        "The IOMMU fetches its page tables through its parent bus; if that bus's `dma-ranges` reach no RAM, translation cannot work at all.",
        "Give the IOMMU's parent dma-ranges that reach RAM.",
        "error: the IOMMU's table walks fault, so no master behind it can DMA.",
        new("/soc", "dma-ranges"),
        ReachabilityChecks.WalkUnreachable);

    public static readonly LintRule VioWindowBase = ObservationRule.Create("DTI1306", "vio-window-base",
        Severity.Warning, F, "arch/powerpc/platforms/pseries/vio.c", "A pSeries VIO DMA window does not start at 0",
        "Linux's VIO code assumes the window offset is 0 (\"offset for VIO should always be 0\"); a non-zero base is ignored and mappings land outside the window.",
        "Start the VIO window at 0.",
        "warning: Linux ignores the base and mappings land outside the window.",
        new("/vdevice/v-scsi@71000001", "ibm,my-dma-window"),
        ObservationKind.VioWindowBase);
}
