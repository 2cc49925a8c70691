using System.Collections.Generic;
using DtIommu.Iommu.Bindings;

namespace DtIommu.Iommu.Model;

/// <summary>One IOMMU: a node with <c>#iommu-cells</c> or claimed by a binding, or a pSeries TCE table.</summary>
public sealed class IommuInstance
{
    /// <summary>The node's full path (for a TCE table: the node holding the window property).</summary>
    public string Path { get; init; } = "";

    /// <summary>The node's phandle (0 = none).</summary>
    public uint Phandle { get; init; }

    /// <summary>The node's <c>compatible</c> strings.</summary>
    public IReadOnlyList<string> Compatible { get; init; } = [];

    /// <summary>The binding family, or null when no binding file knows the node (reported, not guessed).</summary>
    public BindingDefinition? Binding { get; init; }

    /// <summary>The <c>status</c> property, or null when absent.</summary>
    public string? Status { get; init; }

    /// <summary>True when the node and its ancestors are available (<c>okay</c>/<c>ok</c>/absent).</summary>
    public bool Available { get; init; }

    /// <summary><c>#iommu-cells</c>, or null when absent.</summary>
    public int? IommuCells { get; init; }

    /// <summary>The simulator kind named by the binding, or null.</summary>
    public string? SimulatorKind { get; init; }

    /// <summary>The simulator parameters evaluated against this node, in binding order.</summary>
    public IReadOnlyList<NamedParameter> Parameters { get; init; } = [];

    /// <summary>The aperture (the <c>aperture</c> parameter), or null when the binding gives none.</summary>
    public AddressRange? Aperture { get; init; }

    /// <summary><c>dma-coherent</c> on the IOMMU node: its own table walks are coherent.</summary>
    public bool Coherent { get; init; }

    /// <summary>The IOMMU's own DMA path (walk from its parent): where its table walks land.</summary>
    public BusTranslation? OwnTranslation { get; set; }

    /// <summary>For a TCE table: the LIOBN.</summary>
    public uint? Liobn { get; init; }

    /// <summary>Paths of the masters attached to this instance.</summary>
    public List<string> Masters { get; } = [];

    /// <summary>The parameter <paramref name="name"/>, or null.</summary>
    public ParameterValue? Parameter(string name)
    {
        foreach (var p in Parameters) if (p.Name == name) return p.Value;
        return null;
    }
}
