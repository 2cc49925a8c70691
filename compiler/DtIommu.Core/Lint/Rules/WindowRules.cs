using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>Window and aperture rules: <c>dma-ranges</c>, TCE windows, IOVA ranges and IDs.</summary>
internal static class WindowRules
{
    private const LintFamily F = LintFamily.Window;

    public static readonly LintRule ZeroSize = ObservationRule.Create("DTI1101", "dma-ranges-zero-size",
        Severity.Error, F, "drivers/of/address.c: of_dma_get_range", "A `dma-ranges` entry has size 0",
        "A zero size terminates Linux's `bus_dma_region` map: the entry and every later one are lost, and DMA to those addresses fails.",
        "Give the entry its real size, or move it last.",
        "error: the map stops there and DMA to the later ranges fails.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DmaRangesZeroSize);

    public static readonly LintRule OddSize = ObservationRule.Create("DTI1102", "dma-ranges-odd-size",
        Severity.Warning, F, "drivers/of/device.c: of_dma_configure_id", "The DMA span is odd: a size written as a mask",
        "Sizes are byte counts, not masks (0x3fffffff is one byte short of 1 GiB). Linux 6.1 warns and rounds up, 6.12 does not.",
        "Write the size as a byte count (0x40000000), not a mask (0x3fffffff).",
        "warning: Linux 6.1 rounds it up, 6.12 does not: the last byte's page is lost.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DmaRangesOddSize);

    public static readonly LintRule Untranslatable = ObservationRule.Create("DTI1103", "dma-ranges-untranslatable",
        Severity.Error, F, "drivers/of/address.c: of_translate_dma_address", "A `dma-ranges` parent address does not translate to a CPU address",
        "Each parent-side address is translated through the ancestors' `dma-ranges`; an address outside them is dropped (\"translation of DMA address to CPU address failed\").",
        "Make the parent-side address fall inside the parent bus's dma-ranges.",
        "error: the entry is dropped and DMA to it fails.",
        new("/bus@3000000/bus@0", "dma-ranges"),
        ObservationKind.DmaRangesUntranslatable);

    public static readonly LintRule Overlap = ObservationRule.Create("DTI1104", "dma-ranges-overlap",
        Severity.Error, F, "drivers/of/address.c: of_dma_get_range / translate_phys_to_dma", "`dma-ranges` entries overlap on the bus side",
        "Linux uses the first entry that contains a bus address, so the overlapping part of the later entry is unreachable. Keep entries disjoint (and sorted on PCI host bridges).",
        "Make the entries disjoint on the bus side.",
        "error: Linux uses the first entry, so the later one's mapping of the shared addresses is lost.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DmaRangesOverlap);

    public static readonly LintRule MissingLevel = ObservationRule.Create("DTI1105", "dma-ranges-missing-level",
        Severity.Note, F, "drivers/of/address.c: of_dma_get_range", "The parent bus lacks `dma-ranges`; Linux uses the grandparent's",
        "Linux tolerates one missing level at the start of the walk; the specification would say the bus has no DMA path at all. State `dma-ranges` on the parent bus.",
        "State dma-ranges (empty for 1:1) on the parent bus.",
        "note: Linux tolerates one missing level; the specification would not.",
        new("/bus@3000000/sub@0", "dma-ranges"),
        ObservationKind.DmaRangesMissingLevel);

    public static readonly LintRule ChainBroken = ObservationRule.Create("DTI1106", "dma-ranges-chain-broken",
        Severity.Warning, F, "drivers/of/address.c: of_dma_get_range", "A missing `dma-ranges` hides an ancestor's DMA restriction",
        "Linux's walk stops at the first missing `dma-ranges` after the first level and reports \"no constraint\", so a restriction higher up is silently not applied.",
        "Add dma-ranges (empty for 1:1) on every bus between the device and the restriction.",
        "warning: the restriction above is ignored and the devices DMA to untranslated, unlimited addresses.",
        new("/bus@3000000/mid@0", "dma-ranges"),
        ObservationKind.DmaRangesChainBroken);

    public static readonly LintRule Invalid = ObservationRule.Create("DTI1107", "dma-ranges-invalid",
        Severity.Error, F, "drivers/of/address.c: of_dma_get_range", "No `dma-ranges` entry survives: DMA configuration fails",
        "Every entry failed to translate or the map is empty, so `of_dma_get_range` returns -EINVAL and the device's DMA setup fails.",
        "Make at least one dma-ranges entry translate to a CPU address.",
        "error: DMA configuration fails for the device.",
        new("/bus@3000000/bus@0/dma@1000", null),
        ObservationKind.DmaRangesInvalid);

    public static readonly LintRule NotPowerOfTwo = ObservationRule.Create("DTI1108", "tce-window-not-power-of-two",
        Severity.Error, F, "arch/powerpc/kernel/iommu.c: iommu_init_table", "A pSeries PCI DMA window size is not a power of two",
        "Linux sizes the TCE table with `order_base_2`, so the table covers more IOVA than the hypervisor window; mappings above the window fail in H_PUT_TCE.",
        "Use a power-of-two window size.",
        "error: the TCE table covers IOVAs the hypervisor refuses; mappings there fail in H_PUT_TCE.",
        new("/pci@800000020000000", "ibm,dma-window"),
        ObservationKind.WindowNotPowerOfTwo);

    public static readonly LintRule DuplicateLiobn = ObservationRule.Create("DTI1109", "duplicate-liobn",
        Severity.Error, F, "arch/powerpc/platforms/pseries/iommu.c", "Two TCE windows share a LIOBN",
        "The LIOBN names the hypervisor's TCE table; two windows with one LIOBN program the same table, so their devices share one address space.",
        "Give each window its own LIOBN.",
        "error: two windows program one TCE table, so their devices share an address space.",
        new("/pci@800000020000100", null),
        ObservationKind.DuplicateLiobn);

    public static readonly LintRule Above4G = ObservationRule.Create("DTI1110", "window-above-4g",
        Severity.Warning, F, "arch/powerpc/kernel/iommu.c", "The 32-bit default DMA window extends above 4 GiB",
        "Devices with 32-bit DMA masks cannot use IOVAs above 4 GiB (\"IOMMU offset too big for device mask\"); keep the default window below 4 GiB.",
        "Keep the default window below 4 GiB.",
        "warning: devices with 32-bit masks fail on the window.",
        new("/pci@800000020000000", "ibm,dma-window"),
        ObservationKind.WindowAbove4G);

    public static readonly LintRule OutsideAperture = ObservationRule.Create("DTI1111", "window-outside-aperture",
        Severity.Error, F, "drivers/iommu/dma-iommu.c: iommu_dma_init_domain", "The master's `dma-ranges` envelope misses the IOMMU aperture",
        "`iommu_dma_init_domain` fails with \"specified DMA range outside IOMMU capability\" and the master keeps untranslated DMA ops.",
        "Make dma-ranges (or the IOMMU aperture) overlap.",
        "error: Linux refuses the DMA domain and the master keeps untranslated DMA ops.",
        new("/bus@3000000/dma@1000", "dma-ranges"),
        ObservationKind.WindowOutsideAperture);

    public static readonly LintRule IdTooWide = ObservationRule.Create("DTI1115", "iommu-id-too-wide",
        Severity.Error, F, "the driver's of_xlate / probe_device", "A master ID is wider than the IOMMU supports",
        "Stream IDs must fit the SMMU's ID width (v2: 16 bits and the SMR mask; v3: SIDSIZE); the driver rejects wider IDs and the master gets no translation.",
        "Use IDs that fit the IOMMU's ID width.",
        "error: the driver rejects the ID and the master gets no translation.",
        new("/dma@2000000", "iommus"),
        ObservationKind.IdTooWide);

    public static readonly LintRule IommuParentDmaRanges = ObservationRule.Create("DTI1116", "iommu-parent-without-dma-ranges",
        Severity.Off, F, "Documentation/devicetree/bindings/iommu/iommu.txt", "The IOMMU's parent bus has no `dma-ranges`",
        "The generic binding requires the IOMMU's parent to describe, with `dma-ranges`, how the IOMMU's own table walks reach memory (empty = 1:1). Linux does not enforce it, and nearly every board omits it, so the rule is off unless enabled with -W.",
        "Add dma-ranges (empty for 1:1) to the IOMMU's parent bus.",
        "off: the binding asks for it, Linux does not care.",
        new("/soc/iommu@1000000", null),
        ObservationKind.IommuParentWithoutDmaRanges);

    public static readonly LintRule DmaRangesWithIommu = ObservationRule.Create("DTI1117", "dma-ranges-with-iommu",
        Severity.Note, F, "drivers/of/device.c: of_dma_configure_id", "A translated master also has `dma-ranges` above it",
        "The binding says `dma-ranges` of an IOMMU master's parent are ignored; Linux applies them and they bound the IOVA window. Make sure the window they give is what you mean.",
        "Check that the dma-ranges give translated masters the IOVA window you mean.",
        "note: a fact of how Linux applies dma-ranges to IOMMU masters.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DmaRangesWithIommu);

    public static readonly LintRule IovaOutsideAperture = new("DTI1112", "iova-outside-aperture",
        Severity.Error, F, "drivers/iommu/of_iommu.c: of_iommu_get_resv_regions", "A required IOVA range lies outside the IOMMU aperture",
        "`iommu-addresses` reservations and identity maps must fall inside the aperture (and the domain's address width); outside it the IOMMU cannot reserve or map them.",
        "Move the IOVA range inside the IOMMU's aperture.",
        "error: the IOMMU cannot reserve or map the range the device needs.",
        new("/reserved-memory/carveout", "iommu-addresses"),
        IovaRules.OutsideAperture);

    public static readonly LintRule IovaAlignment = new("DTI1113", "iova-alignment",
        Severity.Error, F, "drivers/iommu/iommu.c: iommu_create_device_direct_mappings", "A required IOVA range is not page aligned",
        "Reserved and identity-mapped IOVA ranges must start on a 4 KiB boundary and end just before one; the IOMMU maps whole pages.",
        "Align the IOVA range to 4 KiB pages.",
        "error: the direct mapping cannot be created as written.",
        new("/reserved-memory/carveout", "iommu-addresses"),
        IovaRules.Alignment);

    public static readonly LintRule IovaReservedOverlap = new("DTI1114", "iova-overlaps-msi",
        Severity.Warning, F, "drivers/iommu/dma-iommu.c: iommu_dma_get_resv_regions", "A required IOVA range overlaps the IOMMU's reserved MSI window",
        "The SMMU driver reserves 0x08000000-0x080fffff for software MSI (VT-d: 0xfee00000-0xfeefffff); a fixed mapping there collides with MSI doorbells.",
        "Move the IOVA range off the MSI window.",
        "warning: the range collides with the MSI doorbell mapping.",
        new("/reserved-memory/carveout", "iommu-addresses"),
        IovaRules.MsiOverlap);
}
