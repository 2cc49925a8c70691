using System.Linq;
using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>Structural rules: properties Linux cannot parse, or parses unlike the binding.</summary>
internal static class StructuralRules
{
    private const LintFamily F = LintFamily.Structural;

    public static readonly LintRule PhandleUnresolved = ObservationRule.Create("DTI1001", "iommu-phandle-unresolved",
        Severity.Error, F, "drivers/iommu/of_iommu.c: of_iommu_configure_dev", "An IOMMU phandle does not resolve to a node",
        "Linux logs \"could not find phandle\" and stops parsing `iommus` there; the master is set up without an IOMMU. Raw numeric phandles (as in decompiled trees) must match a `phandle` property.",
        "Point the entry at the IOMMU node's label (&smmu), or give that node the phandle value used here.",
        "error: Linux stops parsing and the master runs without its IOMMU.",
        new("/dma@2000000", "iommus"),
        ObservationKind.PhandleNotFound);

    public static readonly LintRule IommuCellsMissing = ObservationRule.Create("DTI1002", "iommu-cells-missing",
        Severity.Error, F, "drivers/of/base.c: of_parse_phandle_with_args", "The target of an `iommus` entry has no #iommu-cells",
        "Without `#iommu-cells` on the target Linux cannot size the specifier (\"could not get #iommu-cells\") and stops parsing; the node is not an IOMMU.",
        "Point the entry at the IOMMU node, or add #iommu-cells to the target if it really is an IOMMU.",
        "error: Linux cannot size the specifier and the master runs without its IOMMU.",
        new("/dma@2000000", "iommus"),
        ObservationKind.MissingIommuCells);

    public static readonly LintRule SpecifierTruncated = ObservationRule.Create("DTI1003", "iommus-specifier-truncated",
        Severity.Error, F, "drivers/of/base.c: of_parse_phandle_with_args", "`iommus` is too short for the target's #iommu-cells",
        "Each entry is a phandle followed by exactly `#iommu-cells` cells of the target. A short entry makes Linux stop parsing; the entries after it are never seen.",
        "Give every entry exactly #iommu-cells cells after the phandle.",
        "error: parsing stops at the short entry; later IOMMU IDs are never programmed.",
        new("/dma@2000000", "iommus"),
        ObservationKind.SpecifierTruncated);

    public static readonly LintRule ZeroPhandle = ObservationRule.Create("DTI1004", "iommus-zero-phandle",
        Severity.Warning, F, "drivers/iommu/of_iommu.c: of_iommu_configure_dev", "A phandle 0 in `iommus` hides the entries after it",
        "A phandle value of 0 is an empty entry: Linux's parser returns -ENOENT for it and `of_iommu_configure` stops, so later entries are silently ignored.",
        "Remove the empty entry or move it to the end.",
        "warning: later entries are silently ignored, which is rarely intended.",
        new("/dma@2000000", "iommus"),
        ObservationKind.ZeroPhandle);

    public static readonly LintRule IommuCellsNotAllowed = ObservationRule.Create("DTI1005", "iommu-cells-not-allowed",
        Severity.Error, F, "the driver's of_xlate", "#iommu-cells has a value the IOMMU's binding does not define",
        "Each binding defines the specifier layouts it accepts (SMMUv3: 1 cell; arm,smmu: 1 or 2; single-master IOMMUs: 0). The driver's `of_xlate` rejects other sizes.",
        "Use a #iommu-cells value the IOMMU's binding defines and write the masters' specifiers to match.",
        "error: the driver's of_xlate rejects the specifier and masters get no IOMMU.",
        new("/dma@2000000", "iommus"),
        ObservationKind.IommuCellsNotAllowed);

    public static readonly LintRule IommuMapLength = ObservationRule.Create("DTI1006", "iommu-map-length",
        Severity.Error, F, "drivers/of/base.c: of_map_id", "`iommu-map` is not a non-zero multiple of 4 cells",
        "`iommu-map` is a list of <rid-base iommu iommu-base length> tuples. Linux rejects any other length (\"Bad iommu-map length\") and the host bridge's devices get no IOMMU.",
        "Write iommu-map as <rid-base &iommu iommu-base length> tuples.",
        "error: of_map_id fails (\"Bad iommu-map length\") and no PCI device gets an IOMMU.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.IommuMapBadLength);

    public static readonly LintRule IommuMapTargetCells = new("DTI1007", "iommu-map-target-cells",
        Severity.Error, F, "drivers/of/base.c: of_map_id", "An `iommu-map` target does not have #iommu-cells = <1>",
        "`of_map_id` always produces a one-cell specifier, so every IOMMU named by `iommu-map` must accept one cell. SMMUs whose binding also has a one-cell form (arm,smmu with `#iommu-cells = <2>`, mask from `stream-match-mask`) are accepted.",
        "Point iommu-map at an IOMMU with #iommu-cells = <1>, or use iommus on the device.",
        "error: of_map_id always passes one cell, which this IOMMU's driver rejects.",
        new("/pcie@40000000", "iommu-map"),
        IommuMapTargetCellsCheck);

    public static readonly LintRule IommuMapMaskIgnoresBase = ObservationRule.Create("DTI1008", "iommu-map-mask-ignores-base",
        Severity.Error, F, "drivers/of/base.c: of_map_id", "An `iommu-map` rid-base has bits outside `iommu-map-mask`",
        "Linux checks `rid-base & ~mask` while matching and fails the lookup with -EFAULT (\"iommu-map-mask ignores id-base\"); every entry is checked here, not only the ones before the match.",
        "Clear the rid-base bits that iommu-map-mask removes, or widen the mask.",
        "error: the lookup fails with -EFAULT and the devices get no IOMMU.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.IommuMapMaskIgnoresBase);

    public static readonly LintRule IommuMapRange = ObservationRule.Create("DTI1009", "iommu-map-range",
        Severity.Warning, F, "drivers/of/base.c: of_map_id", "An `iommu-map` entry leaves the 16-bit requester-ID space",
        "RIDs are 16 bits (bus, device, function). rid-base must be at most 0xffff and rid-base + length at most 0x10000; Linux compares in 32-bit arithmetic, so larger values can wrap.",
        "Keep rid-base + length within 0x10000.",
        "warning: RIDs are 16 bits; the entry describes IDs that cannot exist and may wrap in Linux's 32-bit compare.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.IommuMapRange);

    public static readonly LintRule IommuMapMaskRange = ObservationRule.Create("DTI1010", "iommu-map-mask-range",
        Severity.Warning, F, "drivers/of/base.c: of_map_id", "`iommu-map-mask` is wider than 16 bits",
        "The mask applies to a 16-bit requester ID; the schema limits it to 0xffff. Wider bits have no meaning.",
        "Use a mask of at most 0xffff.",
        "warning: the extra bits mean nothing for 16-bit RIDs and hint at a typo.",
        new("/pcie@40000000", "iommu-map-mask"),
        ObservationKind.IommuMapMaskRange);

    public static readonly LintRule IommusOnPciBus = ObservationRule.Create("DTI1011", "iommus-on-pci-bus",
        Severity.Warning, F, "drivers/iommu/of_iommu.c: of_iommu_configure (PCI devices use iommu-map)", "`iommus` on a PCI bus node does not apply to its devices",
        "Linux does not walk up the tree for an IOMMU: PCI devices are attached through the host bridge's `iommu-map`. `iommus` on the bridge node is ignored for them.",
        "Add iommu-map (and iommu-map-mask) to the host bridge so that its PCI devices are translated.",
        "warning: PCI devices below run without an IOMMU while it sees their DMA with the bridge's stream ID.",
        new("/pcie@40000000", "iommus"),
        ObservationKind.IommusOnPciBus);

    public static readonly LintRule IommuMapOnNonPci = new("DTI1012", "iommu-map-on-non-pci",
        Severity.Warning, F, "drivers/of/base.c: of_map_id callers", "`iommu-map` on a node that is not a PCI host bridge",
        "The platform-device path ignores `iommu-map`; only buses that pass an input ID (fsl-mc and similar) honour it. Use `iommus` on each device instead.",
        "Use iommus on the devices, unless this bus passes input IDs (fsl-mc).",
        "warning: nothing reads iommu-map here, so the devices are not translated.",
        new("/bus@3000000", "iommu-map"),
        IommuMapOnNonPciCheck);

    public static readonly LintRule DmaRangesFormat = ObservationRule.Create("DTI1013", "dma-ranges-length",
        Severity.Error, F, "drivers/of/address.c: of_dma_get_range", "`dma-ranges` length is not a multiple of its entry size",
        "Each entry is (#address-cells of the node + #address-cells of its parent + #size-cells of the node) cells. Linux silently drops a trailing partial entry.",
        "Make every dma-ranges entry #address-cells + parent #address-cells + #size-cells cells long.",
        "error: the trailing partial entry is dropped and addresses it should map fail.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DmaRangesFormat);

    public static readonly LintRule BadCellCount = ObservationRule.Create("DTI1014", "dma-path-cell-count",
        Severity.Error, F, "drivers/of/address.c: __of_translate_address", "A node on a DMA translation path has an unusable #address-cells/#size-cells",
        "Linux's address translation needs 1 <= #address-cells <= 4 and #size-cells >= 1 at every level (\"Bad cell count\"); translation fails above such a node.",
        "Give the bus valid #address-cells (1-4) and #size-cells (at least 1).",
        "error: translation fails and the devices below cannot DMA.",
        new("/bus@3000000/sub@0", null),
        ObservationKind.BadCellCount);

    public static readonly LintRule DefaultCells = ObservationRule.Create("DTI1015", "dma-ranges-default-cells",
        Severity.Warning, F, "drivers/of/base.c: of_n_addr_cells", "A node with `dma-ranges` relies on default #address-cells/#size-cells",
        "The specification says cell counts are not inherited (defaults 2/1); Linux inherits them from ancestors (root default 1/1). State them on the node so both readings agree.",
        "State #address-cells and #size-cells on the node with dma-ranges.",
        "warning: inherited or default cell counts misread the property when the parent changes.",
        new("/bus@3000000", "dma-ranges"),
        ObservationKind.DefaultCells);

    public static readonly LintRule IommuDisabled = ObservationRule.Create("DTI1017", "iommu-disabled",
        Severity.Note, F, "drivers/iommu/of_iommu.c: of_iommu_xlate", "A master uses a disabled IOMMU",
        "Linux treats the master as having no IOMMU (`of_iommu_xlate` returns -ENODEV) and applies the parent's `dma-ranges`. SoC files commonly describe an IOMMU disabled by default for boards to enable, so this is a fact of the design: the master does untranslated DMA.",
        "Enable the IOMMU (status = \"okay\") if the master should be translated.",
        "note: SoC files disable IOMMUs for boards to enable; the master does untranslated DMA by design.",
        new("/dma@2000000", "iommus"),
        ObservationKind.IommuDisabled);

    public static readonly LintRule MixedDrivers = ObservationRule.Create("DTI1018", "iommus-mixed-drivers",
        Severity.Error, F, "drivers/iommu/iommu.c: iommu_fwspec_init", "One master's `iommus` names IOMMUs of different drivers",
        "`iommu_fwspec_init` accepts a single driver per device; a second driver makes it fail and Linux sets the master up without any IOMMU.",
        "Name IOMMUs of one driver only in a master's iommus.",
        "error: the fwspec fails and Linux drops the IOMMU for the master.",
        new("/dma@2000000", "iommus"),
        ObservationKind.MixedIommuDrivers);

    public static readonly LintRule MultipleInstances = ObservationRule.Create("DTI1019", "iommus-multiple-instances",
        Severity.Warning, F, "the driver's of_xlate", "A master uses several instances of a driver that tracks only one",
        "Linux keeps the first instance's node in the fwspec and appends later IDs to it, so IDs meant for the second instance are programmed into the first. Only exynos, omap, dart, mediatek and tegra-style drivers track several instances.",
        "Use one instance per master, or a driver that tracks several.",
        "warning: IDs meant for the second instance are programmed into the first.",
        new("/dma@2000000", "iommus"),
        ObservationKind.MultipleInstances);

    public static readonly LintRule LastEntryWins = ObservationRule.Create("DTI1020", "iommus-last-entry-wins",
        Severity.Warning, F, "drivers/iommu/rockchip-iommu.c: rk_iommu_of_xlate", "The IOMMU driver keeps only the last `iommus` entry",
        "Rockchip's `of_xlate` overwrites the master's IOMMU with each entry, so only the last one is used. Describe one IOMMU per master, or list the one that matters last.",
        "List one IOMMU per master (or the one that matters last).",
        "warning: only the last entry is used; earlier IOMMUs never translate this master.",
        new("/dma@2000000", "iommus"),
        ObservationKind.LastEntryWins);

    public static readonly LintRule IommuMapShadowed = ObservationRule.Create("DTI1030", "iommu-map-entry-shadowed",
        Severity.Warning, F, "drivers/of/base.c: of_map_id", "An `iommu-map` entry is shadowed by an earlier one",
        "`of_map_id` stops at the first entry whose RID range contains the (masked) RID, so the RIDs an earlier entry already covers never reach a later one; when the two map them differently, the later entry's mapping of them is dead.",
        "Put the specific entry before the catch-all, or remove the dead entry.",
        "warning: the dead entry's IDs are never used; its devices are translated with other IDs than written.",
        new("/pcie@40000000", "iommu-map"),
        ObservationKind.IommuMapEntryShadowed);

    public static readonly LintRule DmaWindowFormat = ObservationRule.Create("DTI1021", "dma-window-length",
        Severity.Error, F, "drivers/of/address.c: of_parse_dma_window", "`ibm,dma-window` has the wrong length for its cell counts",
        "The window is <liobn base size> with `ibm,#dma-address-cells`/`ibm,#dma-size-cells` cells; any other length is misparsed by `of_parse_dma_window`.",
        "Write <liobn base size> with ibm,#dma-address-cells / ibm,#dma-size-cells cells.",
        "error: the window is misparsed and mappings land outside it.",
        new("/pci@800000020000000", "ibm,dma-window"),
        ObservationKind.DmaWindowFormat);

    public static readonly LintRule DmaWindowCellsFallback = ObservationRule.Create("DTI1022", "dma-window-cells-fallback",
        Severity.Warning, F, "drivers/of/address.c: of_parse_dma_window", "`ibm,dma-window` relies on #address-cells for its cell counts",
        "Without `ibm,#dma-address-cells`/`ibm,#dma-size-cells` Linux falls back to the node's `#address-cells`/`#size-cells`, which is 3 on a PHB and misreads the window.",
        "Add ibm,#dma-address-cells and ibm,#dma-size-cells.",
        "warning: the fallback to #address-cells (3 on a PHB) misreads the window.",
        new("/pci@800000020000000", "ibm,dma-window"),
        ObservationKind.DmaWindowCellsFallback);

    public static readonly LintRule IommuAddresses = ObservationRule.Create("DTI1023", "iommu-addresses",
        Severity.Warning, F, "drivers/iommu/of_iommu.c: of_iommu_get_resv_regions", "An `iommu-addresses` entry is malformed or names a device that does not use the region",
        "The phandle must be a device that lists the region in `memory-region`; the cells follow that device's parent bus. Linux re-reads cells as phandles after a foreign entry, and rejects size 0.",
        "Name a device that lists the region in memory-region, with cells of its bus and a non-zero size.",
        "warning: Linux misreads or drops the reservation, so the IOVA range is not reserved or mapped.",
        new("/reserved-memory/framebuffer@90000000", "iommu-addresses"),
        ObservationKind.IommuAddresses);

    public static readonly LintRule ReservedMemoryShape = ObservationRule.Create("DTI1024", "reserved-memory-shape",
        Severity.Error, F, "drivers/of/of_reserved_mem.c", "A reserved-memory node has neither `reg` nor `size`, or `size` with `iommu-addresses`",
        "The reserved-memory schema allows `reg` or `size`, `iommu-addresses` alone (an IOVA reservation) or `reg` with `iommu-addresses` (a mapping); anything else is not a region.",
        "Give the region reg or size (and iommu-addresses only with reg or alone).",
        "error: the node is not a region; the memory is not reserved.",
        new("/reserved-memory/pool", null),
        ObservationKind.ReservedMemoryShape);

    public static readonly LintRule UnknownCompatible = ObservationRule.Create("DTI1025", "iommu-unknown-compatible",
        Severity.Note, F, "DtIommu's binding catalogue (bindings/)", "No binding file knows the IOMMU's compatible",
        "The node has `#iommu-cells` but no shipped or `--bindings` file matches its compatible, so its specifier, aperture and isolation cannot be checked. This says something about DtIommu's catalogue, not about the board: add a binding file (`--bindings DIR`).",
        "Add a binding file for the IOMMU with --bindings DIR.",
        "note: a gap in DtIommu's catalogue, not a fault of the board.",
        new("/iommu@1000000", "compatible"),
        ObservationKind.UnknownIommuCompatible);

    public static readonly LintRule WithoutDriver = ObservationRule.Create("DTI1026", "iommu-without-driver",
        Severity.Note, F, "drivers/iommu/of_iommu.c: of_iommu_configure", "A master uses an IOMMU that no driver handles",
        "No binding file names a driver for the IOMMU, so the model treats the master as Linux does when no driver probes it: deferred, then without an IOMMU. Every IOMMU compatible that a Linux 6.12 driver matches has a binding file, so on a real board this usually means a catalogue gap to fill with `--bindings`.",
        "Add a binding file that names the IOMMU's driver with --bindings DIR.",
        "note: without a known driver the model can only assume no IOMMU; usually a catalogue gap.",
        new("/dma@2000000", "iommus"),
        ObservationKind.IommuWithoutDriver);

    public static readonly LintRule ParameterUnresolved = ObservationRule.Create("DTI1027", "iommu-parameter-unresolved",
        Severity.Warning, F, "DtIommu's binding catalogue (bindings/)", "A binding parameter cannot be evaluated on the IOMMU node",
        "The binding reads a property of the IOMMU node (an aperture from `reg`, a mask) that is absent or malformed; the model falls back to the binding's default and may be wrong.",
        "Add the property the binding reads (aperture reg, mask) to the IOMMU node.",
        "warning: the model falls back to a default and its windows may be wrong.",
        new("/iommu@7000f000", null),
        ObservationKind.ParameterUnresolved);

    public static readonly LintRule MemoryRegion = ObservationRule.Create("DTI1028", "memory-region-unresolved",
        Severity.Error, F, "drivers/of/of_reserved_mem.c: of_reserved_mem_device_init", "A `memory-region` phandle does not resolve to a reserved-memory node",
        "`memory-region` must point at children of /reserved-memory; otherwise the device's pool, carve-out or IOMMU reservations are lost.",
        "Point memory-region at a child of /reserved-memory.",
        "error: the device's pool or carve-out is lost and its allocations fail or go elsewhere.",
        new("/dma@2000000", "memory-region"),
        ObservationKind.MemoryRegion);

    public static readonly LintRule ParseError = ObservationRule.Create("DTI1029", "iommu-parse-error",
        Severity.Warning, F, "drivers/iommu/of_iommu.c: of_iommu_configure", "Linux fails to parse the IOMMU description and sets the master up without one",
        "An empty `iommus`, or an `iommu-map` that `of_map_id` rejects, makes `of_iommu_configure` give up: the device does DMA without translation.",
        "Fix the iommus or iommu-map property that fails to parse.",
        "warning: the device silently does DMA without translation.",
        new("/dma@2000000", "iommus"),
        ObservationKind.IommuParseError);

    public static readonly LintRule LegacyMixed = new("DTI1016", "smmu-legacy-binding-mixed",
        Severity.Error, F, "drivers/iommu/arm/arm-smmu/arm-smmu.c: arm_smmu_device_dt_probe", "Legacy `mmu-masters` is mixed with generic `iommus` for arm,smmu",
        "The arm-smmu driver refuses to probe (\"not probing due to mismatched DT properties\") when some SMMUs use the deprecated `mmu-masters` binding and masters use `iommus`. Convert every SMMU to the generic binding.",
        "Convert every SMMU and master to the generic iommus binding.",
        "error: arm-smmu refuses to probe, so no master is translated.",
        new("/iommu@1000000", "mmu-masters"),
        LegacySmmuRule.Check);

    // arm-smmu takes one-cell specifiers too (the SMR mask then comes from stream-match-mask), so a 2-cell SMMU is a
    // valid iommu-map target whenever its binding has a one-cell layout.
    private static void IommuMapTargetCellsCheck(LintContext c)
    {
        foreach (var o in c.Observations(ObservationKind.IommuMapTargetCells))
        {
            var master = c.Model.FindMaster(o.NodePath);
            var targets = master?.RidRanges.Where(r => r.IommuPath != null).Select(r => c.Model.FindInstance(r.IommuPath!)).ToList();
            if (targets is { Count: > 0 } && targets.All(t => t?.Binding?.LayoutFor(1) != null)) continue;
            c.Report(o.NodePath, o.Property, o.Message);
        }
    }

    // fsl-mc passes each object's ICID through iommu-map: the one non-PCI bus where the property is honoured.
    private static void IommuMapOnNonPciCheck(LintContext c)
    {
        foreach (var o in c.Observations(ObservationKind.IommuMapOnNonPci))
        {
            var compatible = c.FindNode(o.NodePath)?.GetProperty("compatible")?.Value.AsString() ?? "";
            if (compatible.StartsWith("fsl,qoriq-mc", System.StringComparison.Ordinal)) continue;
            c.Report(o.NodePath, o.Property, o.Message);
        }
    }
}
