using System.Collections.Generic;

namespace DtIommu.Model;

/// <summary>
/// Hands out phandles the way dtc's <c>get_node_phandle</c> does: one counter per compilation that starts at 1 and
/// never goes back, skipping values already used by live nodes; the new properties go to the end of the node.
/// A dictionary replaces dtc's tree scan per value, which made dtc quadratic.
/// </summary>
public sealed class PhandleAllocator
{
    private readonly Dictionary<uint, List<Node>> _byValue = [];
    private readonly PhandleFormat _format;
    private uint _next = 1;

    /// <summary>Creates an allocator for one compilation.</summary>
    public PhandleAllocator(PhandleFormat format) => _format = format;

    /// <summary>Records a phandle a node already has (explicit <c>phandle</c> property, or DTB input).</summary>
    public void Register(Node node)
    {
        if (!IsValid(node.Phandle)) return;
        if (!_byValue.TryGetValue(node.Phandle, out var list)) _byValue[node.Phandle] = list = [];
        list.Add(node);
    }

    /// <summary>The live node that has <paramref name="phandle"/>, or null (dtc's <c>get_node_by_phandle</c>).</summary>
    public Node? Find(uint phandle)
    {
        if (!IsValid(phandle) || !_byValue.TryGetValue(phandle, out var list)) return null;
        foreach (var n in list)
            if (n.Phandle == phandle && IsLive(n)) return n;
        return null;
    }

    /// <summary>The node's phandle, allocating one and adding its property(ies) when it has none.</summary>
    public uint GetOrAssign(Node node)
    {
        if (IsValid(node.Phandle)) return node.Phandle;
        while (Find(_next) != null) _next++;
        node.Phandle = _next;
        Register(node);
        if ((_format & PhandleFormat.Legacy) != 0 && node.GetProperty("linux,phandle") == null)
            node.AddProperty(new Property("linux,phandle", CellValue(_next)));
        if ((_format & PhandleFormat.Epapr) != 0 && node.GetProperty("phandle") == null)
            node.AddProperty(new Property("phandle", CellValue(_next)));
        return node.Phandle;
    }

    private static PropertyValue CellValue(uint value)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerKind.TypeUint32);
        v.AppendCell(value);
        return v;
    }

    /// <summary>True for a usable phandle (not 0 and not 0xffffffff).</summary>
    public static bool IsValid(uint phandle) => phandle != 0 && phandle != 0xffffffffu;

    private static bool IsLive(Node n)
    {
        for (var p = n; p != null; p = p.Parent) if (p.IsDeleted) return false;
        return true;
    }
}
