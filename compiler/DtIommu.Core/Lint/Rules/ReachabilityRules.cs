using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;
using static DtIommu.Lint.Rules.ExampleBoards;

namespace DtIommu.Lint.Rules;

/// <summary>Reachability rules (reference iommu.md §6.4): the physical memory each master's DMA can land in.</summary>
internal static class ReachabilityRules
{
    private const LintFamily F = LintFamily.Reachability;

    public static readonly LintRule NoRam = new("DTI1301", "no-reachable-ram",
        Severity.Error, F, "kernel/dma/direct.c: dma_capable", "A DMA master can reach no RAM",
        "Through its bus `dma-ranges` (or, behind an IOMMU, the IOMMU's own parent path) none of the `/memory` ranges is reachable: every DMA buffer must bounce, or DMA fails.",
        "Fix dma-ranges so that the bus reaches RAM (or the IOMMU's parent path does).",
        "error: every DMA of the device fails or bounces through a buffer it cannot reach.",
        new(Board(Bus("\t\tdma-ranges = <0x0 0x0 0x40000000>;\n")), "/bus@3000000/dma@1000", null),
        Board(Bus("\t\tdma-ranges = <0x0 0x80000000 0x40000000>;\n")),
        ReachabilityChecks.NoRam);

    public static readonly LintRule PartialRam = new("DTI1302", "partial-ram-reach",
        Severity.Note, F, "kernel/dma/direct.c, kernel/dma/swiotlb.c", "A DMA master without IOMMU reaches only part of RAM",
        "The bus limits (`dma-ranges`) leave some RAM out of reach: Linux bounces buffers placed there through swiotlb, which costs copies. Controllers limited to 32-bit or low memory are common by design, so this is a fact, not a fault.",
        "Widen dma-ranges if the hardware reaches more RAM.",
        "note: 32-bit or low-memory controllers are common; swiotlb bounces.",
        new(Board(Bus("\t\tdma-ranges = <0x0 0x80000000 0x10000000>;\n")), "/bus@3000000/dma@1000", null),
        Board(Bus("\t\tdma-ranges = <0x0 0x80000000 0x40000000>;\n")),
        ReachabilityChecks.PartialRam);

    public static readonly LintRule ReachesNoMap = new("DTI1303", "reaches-no-map-memory",
        Severity.Note, F, "drivers/iommu/of_iommu.c (no IOMMU)", "An untranslated DMA master can reach no-map (firmware or secure) memory",
        "On a board that protects its masters with an IOMMU, a master without one (none described, disabled, or dropped by Linux) can write into `no-map` reserved memory such as firmware or secure carve-outs. Nothing but a firewall outside the device tree stops it, which is how most SoCs are built: a fact of the design.",
        "Put the master behind an IOMMU if firmware memory must be protected from it.",
        "note: most SoCs leave such masters unprotected by design.",
        new(WithSmmu(NoMapRegion + Dma("2000000", "\t\tiommus = <&smmu 0x10>;\n") + "\n" + Dma("2100000", "\t\tdma-coherent;\n")), "/dma@2100000", null),
        WithSmmu(NoMapRegion + Dma("2000000", "\t\tiommus = <&smmu 0x10>;\n") + "\n" + Dma("2100000", "\t\tiommus = <&smmu 0x11>;\n")),
        ReachabilityChecks.ReachesNoMap);

    public static readonly LintRule IdentityOutsideMemory = new("DTI1304", "identity-map-outside-memory",
        Severity.Error, F, "drivers/iommu/iommu.c: iommu_create_device_direct_mappings", "An identity mapping points at memory that does not exist",
        "A reserved-memory node with `reg` equal to its `iommu-addresses` asks the IOMMU to identity-map that range; it must lie in `/memory` or `/reserved-memory`.",
        "Point the identity range at RAM.",
        "error: the IOMMU maps the device onto memory that does not exist.",
        new(WithSmmu("\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n\n\t\tfb: framebuffer@20000000 {\n\t\t\treg = <0x20000000 0x800000>;\n\t\t\tiommu-addresses = <&disp 0x20000000 0x800000>;\n\t\t};\n\t};\n\n" +
            "\tdisp: display@2000000 {\n\t\tcompatible = \"vendor,display\";\n\t\treg = <0x2000000 0x1000>;\n\t\tiommus = <&smmu 0x20>;\n\t\tmemory-region = <&fb>;\n\t};\n"), "/reserved-memory/framebuffer@20000000", "reg"),
        WithSmmu("\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n\n\t\tfb: framebuffer@90000000 {\n\t\t\treg = <0x90000000 0x800000>;\n\t\t\tiommu-addresses = <&disp 0x90000000 0x800000>;\n\t\t};\n\t};\n\n" +
            "\tdisp: display@2000000 {\n\t\tcompatible = \"vendor,display\";\n\t\treg = <0x2000000 0x1000>;\n\t\tiommus = <&smmu 0x20>;\n\t\tmemory-region = <&fb>;\n\t};\n"),
        ReachabilityChecks.IdentityOutsideMemory);

    public static readonly LintRule WalkUnreachable = new("DTI1305", "iommu-walk-unreachable",
        Severity.Error, F, "the IOMMU's page-table walker (its parent's dma-ranges)", "The IOMMU's own table walks cannot reach RAM",
        "The IOMMU fetches its page tables through its parent bus; if that bus's `dma-ranges` reach no RAM, translation cannot work at all.",
        "Give the IOMMU's parent dma-ranges that reach RAM.",
        "error: the IOMMU's table walks fault, so no master behind it can DMA.",
        new(Board("\tsoc {\n\t\tcompatible = \"simple-bus\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n\t\tdma-ranges = <0x0 0x0 0x40000000>;\n\n" +
            Smmu.Replace("\n\t", "\n\t\t").Insert(0, "\t") + "\t};\n"), "/soc", "dma-ranges"),
        Board("\tsoc {\n\t\tcompatible = \"simple-bus\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n\t\tdma-ranges = <0x80000000 0x80000000 0x40000000>;\n\n" +
            Smmu.Replace("\n\t", "\n\t\t").Insert(0, "\t") + "\t};\n"),
        ReachabilityChecks.WalkUnreachable);

    public static readonly LintRule VioWindowBase = ObservationRule.Create("DTI1306", "vio-window-base",
        Severity.Warning, F, "arch/powerpc/platforms/pseries/vio.c", "A pSeries VIO DMA window does not start at 0",
        "Linux's VIO code assumes the window offset is 0 (\"offset for VIO should always be 0\"); a non-zero base is ignored and mappings land outside the window.",
        "Start the VIO window at 0.",
        "warning: Linux ignores the base and mappings land outside the window.",
        new(Vio("0x0 0x10000000"), "/vdevice/v-scsi@71000001", "ibm,my-dma-window"),
        Vio("0x0 0x0"),
        ObservationKind.VioWindowBase);

    private const string NoMapRegion =
        "\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n\n\t\tsecure@bf000000 {\n\t\t\treg = <0xbf000000 0x1000000>;\n\t\t\tno-map;\n\t\t};\n\t};\n\n";

    private static string Bus(string lines) =>
        "\tbus@3000000 {\n\t\tcompatible = \"simple-bus\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n" + lines +
        "\n\t\tdma@1000 {\n\t\t\tcompatible = \"vendor,dma\";\n\t\t\treg = <0x1000 0x100>;\n\t\t\t#dma-cells = <1>;\n\t\t};\n\t};\n";

    private static string Vio(string baseCells) =>
        "/dts-v1/;\n\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n\tcompatible = \"qemu,pseries\";\n\n" +
        "\tmemory@0 {\n\t\tdevice_type = \"memory\";\n\t\treg = <0x0 0x0 0x0 0x80000000>;\n\t};\n\n" +
        "\tvdevice {\n\t\tcompatible = \"IBM,vdevice\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n\n" +
        "\t\tv-scsi@71000001 {\n\t\t\tcompatible = \"IBM,v-scsi\";\n\t\t\treg = <0x71000001>;\n\t\t\tibm,#dma-address-cells = <2>;\n\t\t\tibm,#dma-size-cells = <2>;\n" +
        "\t\t\tibm,my-dma-window = <0x71000001 " + baseCells + " 0x0 0x10000000>;\n\t\t};\n\t};\n};\n";
}
