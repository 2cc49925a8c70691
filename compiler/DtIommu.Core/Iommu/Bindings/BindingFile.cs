using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Iommu.Bindings;

/// <summary>One parsed binding file: the bindings it declares, in file order.</summary>
/// <param name="Path">The file's path as given to the loader.</param>
/// <param name="Bindings">The bindings, in file order.</param>
public sealed record BindingFile(string Path, IReadOnlyList<BindingDefinition> Bindings);

/// <summary>How the masters of an IOMMU family are found in a tree.</summary>
public enum AttachKind
{
    /// <summary><c>iommus</c> on masters and <c>iommu-map</c> on PCI host bridges (every phandle-based binding).</summary>
    Iommus,
    /// <summary>pSeries: the IOMMU is the hypervisor's TCE table named by <c>ibm,dma-window</c>/<c>ibm,my-dma-window</c>.</summary>
    DmaWindow,
    /// <summary>Freescale PAMU: masters carry <c>fsl,liodn</c>.</summary>
    Liodn,
}

/// <summary>How a binding recognises its IOMMU.</summary>
public enum MatchKind
{
    /// <summary>A <c>compatible</c> string (with <c>*</c> wildcards).</summary>
    Compatible,
    /// <summary>A node holding a property (for IOMMUs that have no node of their own, such as pSeries TCE windows).</summary>
    Property,
    /// <summary>A node without <c>compatible</c> whose <c>#iommu-cells</c> has this value (the generic forms of iommu.txt).</summary>
    IommuCells,
}

/// <summary>One recognition rule.</summary>
/// <param name="Kind">What is matched.</param>
/// <param name="Text">The compatible pattern or property name.</param>
/// <param name="Cells">The <c>#iommu-cells</c> value for <see cref="MatchKind.IommuCells"/>.</param>
public sealed record BindingMatcher(MatchKind Kind, string Text, int Cells);

/// <summary>What a specifier field means, so that tools know which cell is an ID, a mask or a window.</summary>
public enum FieldRole
{
    /// <summary>The master, stream, endpoint, source or micro-TLB ID: what isolation is keyed on.</summary>
    Id,
    /// <summary>A mask applied to the ID (an SMR mask).</summary>
    Mask,
    /// <summary>A context-bank index chosen by the master.</summary>
    Context,
    /// <summary>The start of the master's DMA window.</summary>
    WindowBase,
    /// <summary>The length of the master's DMA window.</summary>
    WindowSize,
    /// <summary>A domain number of another party (Xen's backend domid).</summary>
    Domain,
    /// <summary>A value tools keep but do not interpret.</summary>
    Opaque,
}

/// <summary>A named bit range of a field (MediaTek packs larb and port into one cell).</summary>
/// <param name="Name">Sub-field name.</param>
/// <param name="High">Highest bit, inclusive.</param>
/// <param name="Low">Lowest bit.</param>
public sealed record SpecifierBits(string Name, int High, int Low)
{
    /// <summary>Extracts the sub-field from a field value.</summary>
    public ulong Extract(ulong value)
    {
        var width = High - Low + 1;
        var mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        return (value >> Low) & mask;
    }
}

/// <summary>One field of a specifier: read from cells, or (with <see cref="Default"/> and no cells) from the IOMMU node.</summary>
/// <param name="Name">Field name (<c>stream-id</c>, <c>smr-mask</c>, ...).</param>
/// <param name="Role">Meaning of the value.</param>
/// <param name="Cells">Number of specifier cells it takes (0 for a derived field).</param>
/// <param name="Bits">Optional width: values wider than this are reported.</param>
/// <param name="Default">For a derived field: the value, evaluated against the IOMMU node.</param>
/// <param name="SubFields">Named bit ranges of the value.</param>
/// <param name="Span">Where the field was declared.</param>
public sealed record SpecifierField(
    string Name, FieldRole Role, int Cells, int? Bits, BindingValue? Default,
    IReadOnlyList<SpecifierBits> SubFields, SourceSpan Span);

/// <summary>The meaning of the cells of a specifier with a given <c>#iommu-cells</c>.</summary>
/// <param name="CellCount">The <c>#iommu-cells</c> value this layout is for.</param>
/// <param name="Fields">Fields in cell order (derived fields take no cells).</param>
/// <param name="Span">Where the layout was declared.</param>
public sealed record SpecifierLayout(int CellCount, IReadOnlyList<SpecifierField> Fields, SourceSpan Span);

/// <summary>A simulator parameter as written.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Values">The comma-separated values (one for scalars).</param>
/// <param name="Span">Where it was written.</param>
public sealed record BindingParameter(string Name, IReadOnlyList<BindingValue> Values, SourceSpan Span);

/// <summary>The simulator a binding instantiates and its parameters (the simulator itself lives elsewhere).</summary>
/// <param name="Kind">Simulator kind, such as <c>smmu-v2</c>.</param>
/// <param name="Parameters">Parameters in file order.</param>
/// <param name="Span">Where the block was declared.</param>
public sealed record SimulatorSpec(string Kind, IReadOnlyList<BindingParameter> Parameters, SourceSpan Span);

/// <summary>One IOMMU binding family.</summary>
/// <param name="Name">Unique binding name (later files override earlier ones of the same name).</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="Driver">Linux driver identity: <c>iommus</c> entries of one master must share it.</param>
/// <param name="Attach">How masters are found.</param>
/// <param name="Matchers">Recognition rules.</param>
/// <param name="Specifiers">Allowed specifier layouts, one per allowed <c>#iommu-cells</c>; empty with <see cref="NoSpecifier"/>.</param>
/// <param name="NoSpecifier">True for families referenced without <c>iommus</c> (pSeries, PAMU).</param>
/// <param name="Quirks">Linux driver behaviours the resolver models (<c>multi-instance</c>, <c>last-entry-wins</c>, ...).</param>
/// <param name="Simulator">The simulator and its parameters.</param>
/// <param name="Span">Where the binding was declared.</param>
public sealed record BindingDefinition(
    string Name, string Title, string Driver, AttachKind Attach,
    IReadOnlyList<BindingMatcher> Matchers, IReadOnlyList<SpecifierLayout> Specifiers, bool NoSpecifier,
    IReadOnlyList<string> Quirks, SimulatorSpec? Simulator, SourceSpan Span)
{
    /// <summary>The layout for <paramref name="cells"/> specifier cells, or null when the binding does not allow it.</summary>
    public SpecifierLayout? LayoutFor(int cells)
    {
        foreach (var s in Specifiers) if (s.CellCount == cells) return s;
        return null;
    }

    /// <summary>True when the binding declares <paramref name="quirk"/>.</summary>
    public bool HasQuirk(string quirk)
    {
        foreach (var q in Quirks) if (q == quirk) return true;
        return false;
    }
}

/// <summary>The quirk names the resolver understands.</summary>
public static class BindingQuirks
{
    /// <summary>The driver tracks several instances per master itself (exynos, omap, dart, mediatek).</summary>
    public const string MultiInstance = "multi-instance";
    /// <summary>The driver's <c>of_xlate</c> keeps only the last <c>iommus</c> entry (rockchip).</summary>
    public const string LastEntryWins = "last-entry-wins";
    /// <summary>One translation context per instance: every master of an instance shares one address space.</summary>
    public const string SharedContext = "shared-context";
    /// <summary>An instance may serve only one master (single-master IOMMUs).</summary>
    public const string SingleMaster = "single-master";

    /// <summary>All known quirks.</summary>
    public static readonly string[] All = [MultiInstance, LastEntryWins, SharedContext, SingleMaster];
}
