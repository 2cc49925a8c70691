using System.Collections.Generic;

namespace DtIommu.Model;

/// <summary>A whole device tree: the root node, the memory reservations and the blob header facts.</summary>
public sealed class DeviceTree
{
    /// <summary>Creates a tree around a root node.</summary>
    public DeviceTree(Node root) => Root = root;

    /// <summary>The root node.</summary>
    public Node Root { get; set; }

    /// <summary>Memory reservations in order.</summary>
    public List<ReserveEntry> Reservations { get; } = [];

    /// <summary>The physical ID of the boot CPU written into the blob header.</summary>
    public uint BootCpuId { get; set; }

    /// <summary>True when the source said <c>/plugin/</c>.</summary>
    public bool IsPlugin { get; set; }

    /// <summary>True when the tree came from DTS source (and so has positions, markers and labels).</summary>
    public bool FromSource { get; set; }
}
