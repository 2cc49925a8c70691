namespace DtIommu.Iommu.Model;

/// <summary>
/// What the model builder noticed while reading the tree the way Linux does. Observations are data, not printed
/// diagnostics: the linter maps each kind to a rule.
/// </summary>
public enum ObservationKind
{
    /// <summary>An <c>iommus</c>, <c>iommu-map</c> or <c>iommu-addresses</c> phandle resolves to no node.</summary>
    PhandleNotFound,
    /// <summary>The target of an <c>iommus</c> entry has no <c>#iommu-cells</c>.</summary>
    MissingIommuCells,
    /// <summary>Too few cells are left for an <c>iommus</c> entry's specifier.</summary>
    SpecifierTruncated,
    /// <summary>A phandle 0 ends <c>iommus</c> early; later entries are ignored.</summary>
    ZeroPhandle,
    /// <summary>The <c>#iommu-cells</c> value has no specifier layout in the binding.</summary>
    IommuCellsNotAllowed,
    /// <summary><c>iommu-map</c> length is not a non-zero multiple of 16 bytes.</summary>
    IommuMapBadLength,
    /// <summary>An <c>iommu-map</c> target does not have <c>#iommu-cells = &lt;1&gt;</c>.</summary>
    IommuMapTargetCells,
    /// <summary>An <c>iommu-map</c> rid-base has bits outside <c>iommu-map-mask</c>.</summary>
    IommuMapMaskIgnoresBase,
    /// <summary>An <c>iommu-map</c> entry exceeds the 16-bit RID space or overflows.</summary>
    IommuMapRange,
    /// <summary><c>iommu-map-mask</c> is wider than 16 bits.</summary>
    IommuMapMaskRange,
    /// <summary><c>iommus</c> on a PCI bus node does not apply to its PCI devices.</summary>
    IommusOnPciBus,
    /// <summary><c>iommu-map</c> on a node that is not a PCI host bridge.</summary>
    IommuMapOnNonPci,
    /// <summary>A <c>dma-ranges</c> length is not a multiple of its entry size; the tail is ignored.</summary>
    DmaRangesFormat,
    /// <summary>A node on a DMA translation path has a bad <c>#address-cells</c>/<c>#size-cells</c>.</summary>
    BadCellCount,
    /// <summary>A master uses an IOMMU whose node is disabled: Linux sets it up without an IOMMU.</summary>
    IommuDisabled,
    /// <summary>A master's <c>iommus</c> mixes IOMMU drivers: Linux drops the IOMMU entirely.</summary>
    MixedIommuDrivers,
    /// <summary>A master uses several instances of a driver that cannot track them: IDs go to the first.</summary>
    MultipleInstances,
    /// <summary>The driver keeps only the last <c>iommus</c> entry (rockchip).</summary>
    LastEntryWins,
    /// <summary><c>ibm,dma-window</c>/<c>ibm,my-dma-window</c> has the wrong length for its cell counts.</summary>
    DmaWindowFormat,
    /// <summary>The window's address cells fall back to <c>#address-cells</c> (3 on a PHB).</summary>
    DmaWindowCellsFallback,
    /// <summary><c>iommu-addresses</c> problems: phandle not a user, 0 size, parse re-sync quirk.</summary>
    IommuAddresses,
    /// <summary>A reserved-memory node has neither <c>reg</c> nor <c>size</c> nor <c>iommu-addresses</c>, or <c>size</c> with it.</summary>
    ReservedMemoryShape,
    /// <summary>An IOMMU node's compatible matches no binding file: it is reported, not guessed.</summary>
    UnknownIommuCompatible,
    /// <summary>An <c>iommus</c> entry points at a node that is not an IOMMU.</summary>
    NotAnIommu,
    /// <summary>A <c>dma-ranges</c> entry has size 0: it ends the region map.</summary>
    DmaRangesZeroSize,
    /// <summary>The total DMA span is odd ("size written as mask"); 6.1 warns and adds one.</summary>
    DmaRangesOddSize,
    /// <summary>A <c>dma-ranges</c> parent address does not translate to a CPU address; the entry is dropped.</summary>
    DmaRangesUntranslatable,
    /// <summary><c>dma-ranges</c> entries overlap on the bus side: the first wins.</summary>
    DmaRangesOverlap,
    /// <summary>The start node lacks <c>dma-ranges</c> and the parent's is used (Linux's one-missing-level tolerance).</summary>
    DmaRangesMissingLevel,
    /// <summary>A missing <c>dma-ranges</c> higher up hides an ancestor's restriction.</summary>
    DmaRangesChainBroken,
    /// <summary>The DMA ranges give a zero total size: Linux fails DMA configuration (-EINVAL).</summary>
    DmaRangesInvalid,
    /// <summary>A pSeries PCI window size is not a power of two; Linux rounds the table up.</summary>
    WindowNotPowerOfTwo,
    /// <summary>Two TCE windows share a LIOBN.</summary>
    DuplicateLiobn,
    /// <summary>A window or aperture extends above 4 GiB for a default 32-bit window.</summary>
    WindowAbove4G,
    /// <summary>The master's <c>dma-ranges</c> envelope misses the IOMMU aperture.</summary>
    WindowOutsideAperture,
    /// <summary>A specifier field is wider than the binding allows.</summary>
    IdTooWide,
    /// <summary>A VIO window base is not 0.</summary>
    VioWindowBase,
    /// <summary>A PCI host bridge's <c>iommu-map</c> leaves RIDs of its bus range uncovered: they bypass.</summary>
    PciRidNotCovered,
    /// <summary>An <c>iommu-map</c> entry's RIDs are (partly) matched first by an earlier entry that maps them differently.</summary>
    IommuMapEntryShadowed,
    /// <summary>A PCI function described below a host bridge falls in a hole of its <c>iommu-map</c>.</summary>
    PciFunctionBypasses,
    /// <summary>A single-master IOMMU instance serves several masters.</summary>
    SingleMasterShared,
    /// <summary>A DMA-capable node has no IOMMU while its siblings do.</summary>
    UnprotectedDmaMaster,
    /// <summary>No driver exists for the IOMMU (no binding): Linux defers, then probes without an IOMMU.</summary>
    IommuWithoutDriver,
    /// <summary>The IOMMU's own parent path needs <c>dma-ranges</c> per iommu.txt, and Linux does not (iommu.txt:33-36).</summary>
    IommuParentWithoutDmaRanges,
    /// <summary>A binding parameter references a property the IOMMU node lacks, or a value that does not evaluate.</summary>
    ParameterUnresolved,
    /// <summary>A node relies on the default <c>#address-cells</c>/<c>#size-cells</c>.</summary>
    DefaultCells,
    /// <summary>A <c>memory-region</c> phandle does not resolve, or points outside reserved-memory.</summary>
    MemoryRegion,
    /// <summary>Linux's iommus parser or iommu-map returned an error: the master is set up without an IOMMU.</summary>
    IommuParseError,
    /// <summary>
    /// A translated master also has <c>dma-ranges</c> above it: iommu.txt says they are ignored, Linux applies them
    /// (they bound the IOVA window) (§1.3).
    /// </summary>
    DmaRangesWithIommu,
}

/// <summary>One structured finding of the model builder.</summary>
/// <param name="Kind">What was noticed.</param>
/// <param name="NodePath">The node concerned.</param>
/// <param name="Property">The property concerned, if any.</param>
/// <param name="Message">A human-readable explanation with the values involved.</param>
public sealed record ModelObservation(ObservationKind Kind, string NodePath, string? Property, string Message);
