using System.Collections.Generic;
using DtIommu.Iommu.Bindings;

namespace DtIommu.Iommu.Model;

/// <summary>What kind of DMA master an entry describes.</summary>
public enum MasterKind
{
    /// <summary>A platform device node (with or without <c>iommus</c>).</summary>
    Platform,
    /// <summary>A PCI host bridge: its RID space is mapped by <c>iommu-map</c> (or bypasses).</summary>
    PciHostBridge,
    /// <summary>A PCI device described by a node below a host bridge (its RID comes from <c>reg</c>).</summary>
    PciDevice,
    /// <summary>A pSeries partitionable endpoint: a PCI bus node with <c>ibm,dma-window</c>.</summary>
    PseriesPe,
    /// <summary>A pSeries VIO device with <c>ibm,my-dma-window</c>.</summary>
    PseriesVio,
    /// <summary>A non-PCI bus with <c>iommu-map</c> (fsl-mc and similar): only ID-passing buses honour it.</summary>
    IdMappedBus,
    /// <summary>A device with <c>fsl,liodn</c> behind a PAMU.</summary>
    LiodnDevice,
}

/// <summary>How Linux ends up setting up a master's DMA.</summary>
public enum IommuState
{
    /// <summary>Behind an IOMMU: DMA addresses are IOVAs.</summary>
    Translated,
    /// <summary>No IOMMU is described: DMA goes through <c>dma-ranges</c> only.</summary>
    NoIommu,
    /// <summary>The IOMMU is disabled: Linux treats the master as without IOMMU (the hardware may still translate).</summary>
    IommuDisabled,
    /// <summary>The IOMMU has no driver (unknown binding): Linux defers, then gives up on the IOMMU.</summary>
    NoDriver,
    /// <summary>Entries name different drivers: <c>iommu_fwspec_init</c> fails and the IOMMU is dropped.</summary>
    DriverConflict,
    /// <summary>The first <c>iommus</c> entry or the <c>iommu-map</c> is malformed: no IOMMU.</summary>
    ParseError,
    /// <summary>PCI: the map exists but does not cover the RID: the OS sees no IOMMU (the SMMU may abort).</summary>
    Bypass,
    /// <summary>PCI host bridge: some RIDs are translated, others bypass.</summary>
    Partial,
}

/// <summary>What happened to one <c>iommus</c> entry (or one <c>iommu-map</c> result).</summary>
public enum AttachmentState
{
    /// <summary>The entry is in the master's fwspec.</summary>
    Active,
    /// <summary>Ignored: the target is disabled.</summary>
    TargetDisabled,
    /// <summary>Ignored: no binding (driver) for the target.</summary>
    NoDriver,
    /// <summary>Ignored: an earlier entry named another driver, so Linux dropped the whole IOMMU.</summary>
    DriverConflict,
    /// <summary>Kept, but the IDs are attributed to the first instance of the same driver.</summary>
    AttributedToFirstInstance,
    /// <summary>Ignored: the driver keeps only the last entry.</summary>
    Superseded,
    /// <summary>Never reached: Linux stopped at an earlier entry.</summary>
    NotProcessed,
}

/// <summary>A decoded specifier field.</summary>
/// <param name="Name">Field name from the binding.</param>
/// <param name="Role">Field role.</param>
/// <param name="Value">The value (cells joined big-endian, or the derived value).</param>
/// <param name="SubFields">Named bit ranges of the value.</param>
public sealed record SpecifierFieldValue(string Name, FieldRole Role, ulong Value, IReadOnlyList<KeyValuePair<string, ulong>> SubFields);

/// <summary>One master→IOMMU association with its IDs.</summary>
public sealed class IommuAttachment
{
    /// <summary>The IOMMU's path, or null when the phandle did not resolve.</summary>
    public string? IommuPath { get; init; }

    /// <summary>The binding name, or null when unknown.</summary>
    public string? BindingName { get; init; }

    /// <summary>The raw specifier cells.</summary>
    public IReadOnlyList<uint> Cells { get; init; } = [];

    /// <summary>The cells decoded with the binding's layout (empty when there is none).</summary>
    public IReadOnlyList<SpecifierFieldValue> Fields { get; init; } = [];

    /// <summary>What Linux does with the entry.</summary>
    public AttachmentState State { get; set; }

    /// <summary>For <c>iommu-map</c> results: the input RID.</summary>
    public uint? Rid { get; init; }

    /// <summary>The value of the first <see cref="FieldRole.Id"/> field, or null.</summary>
    public ulong? PrimaryId
    {
        get
        {
            foreach (var f in Fields) if (f.Role == FieldRole.Id) return f.Value;
            return null;
        }
    }
}

/// <summary>How one run of RIDs of a PCI host bridge is handled by <c>of_map_id</c>.</summary>
public enum RidOutcome
{
    /// <summary>Mapped to an IOMMU and an output ID.</summary>
    Translated,
    /// <summary>The map exists but no entry matches: bypass.</summary>
    Bypass,
    /// <summary>An entry matches, but its IOMMU is disabled: <c>of_iommu_xlate</c> returns -ENODEV, no IOMMU.</summary>
    TargetDisabled,
    /// <summary>No <c>iommu-map</c>: not behind an IOMMU.</summary>
    NoMap,
    /// <summary><c>of_map_id</c> fails (bad length, mask conflict, bad phandle): no IOMMU.</summary>
    Error,
}

/// <summary>A run of consecutive RIDs handled by the same <c>iommu-map</c> entry.</summary>
/// <param name="First">First RID.</param>
/// <param name="Last">Last RID (inclusive).</param>
/// <param name="Outcome">What happens to these RIDs.</param>
/// <param name="IommuPath">The target IOMMU when translated.</param>
/// <param name="FirstId">Output ID of <paramref name="First"/> (the RID itself when not translated).</param>
/// <param name="LastId">Output ID of <paramref name="Last"/>.</param>
/// <param name="EntryIndex">The matching <c>iommu-map</c> entry, or -1.</param>
public sealed record RidRange(uint First, uint Last, RidOutcome Outcome, string? IommuPath, uint FirstId, uint LastId, int EntryIndex);

/// <summary>A PCI function below a PE or host bridge, as described in the tree.</summary>
/// <param name="Path">Node path.</param>
/// <param name="Rid">Requester ID from <c>reg</c> (bus[15:8] dev[7:3] fn[2:0]).</param>
public sealed record PciFunction(string Path, uint Rid);

/// <summary>An IOVA range the IOMMU must reserve or identity-map for a master (<c>iommu-addresses</c>).</summary>
/// <param name="RegionPath">The reserved-memory node.</param>
/// <param name="Iova">The IOVA range.</param>
/// <param name="Direct">True for <c>IOMMU_RESV_DIRECT</c> (reg equals the IOVA range), false for a plain reservation.</param>
public sealed record IovaReservation(string RegionPath, AddressRange Iova, bool Direct);

/// <summary>One DMA master and everything Linux decides about its DMA.</summary>
public sealed class DmaMaster
{
    /// <summary>The node path.</summary>
    public string Path { get; init; } = "";

    /// <summary>What kind of master it is.</summary>
    public MasterKind Kind { get; init; }

    /// <summary>How the model knows the node masters DMA (<c>iommus</c>, <c>#dma-cells</c>, a generic node name...).</summary>
    public string Evidence { get; init; } = "";

    /// <summary>True for a remote processor or DSP: its windows describe its own address map, not Linux's buffers.</summary>
    public bool RemoteProcessor { get; init; }

    /// <summary>True when the node and its ancestors are available.</summary>
    public bool Available { get; init; }

    /// <summary>The outcome of IOMMU setup.</summary>
    public IommuState State { get; set; }

    /// <summary>The <c>iommus</c> entries (or, for a PCI device, the mapped specifier) in order.</summary>
    public List<IommuAttachment> Attachments { get; } = [];

    /// <summary>For a host bridge or ID-mapped bus: the RID runs of its bus range.</summary>
    public List<RidRange> RidRanges { get; } = [];

    /// <summary>For a PCI device: its RID.</summary>
    public uint? Rid { get; init; }

    /// <summary>For a pSeries PE or host bridge: the described PCI functions that share it.</summary>
    public List<PciFunction> Functions { get; } = [];

    /// <summary>The IOVA window, or null when DMA is untranslated or unbounded.</summary>
    public DmaWindow? Window { get; set; }

    /// <summary>For pSeries: the LIOBN of the TCE table.</summary>
    public uint? Liobn { get; init; }

    /// <summary>The <c>dma-ranges</c> result.</summary>
    public BusTranslation Translation { get; set; } = new();

    /// <summary>True/false from the first <c>dma-coherent</c>/<c>dma-noncoherent</c> up the DMA parents; null = arch default.</summary>
    public bool? Coherent { get; init; }

    /// <summary><c>pasid-num-bits</c>, or null.</summary>
    public int? PasidBits { get; init; }

    /// <summary><c>dma-can-stall</c>.</summary>
    public bool DmaCanStall { get; init; }

    /// <summary>Reserved-memory nodes named by <c>memory-region</c>.</summary>
    public List<string> MemoryRegions { get; } = [];

    /// <summary>IOVA reservations and identity maps from <c>iommu-addresses</c>.</summary>
    public List<IovaReservation> IovaReservations { get; } = [];

    /// <summary>The CPU ranges of RAM the master's DMA can reach.</summary>
    public List<AddressRange> ReachableRam { get; } = [];
}
