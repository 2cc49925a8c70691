using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>
/// Read-only helpers over a compiled tree with Linux's conventions: phandles come from the <c>phandle</c> and
/// <c>linux,phandle</c> properties (so DTS and DTB input behave the same), cell counts are inherited.
/// </summary>
public sealed class TreeIndex
{
    private readonly Dictionary<uint, Node> _byPhandle = [];

    /// <summary>Indexes <paramref name="tree"/>.</summary>
    public TreeIndex(DeviceTree tree)
    {
        Root = tree.Root;
        Index(tree.Root);
    }

    /// <summary>The root node.</summary>
    public Node Root { get; }

    /// <summary>Live nodes in pre-order.</summary>
    public List<Node> Nodes { get; } = [];

    private void Index(Node node)
    {
        Nodes.Add(node);
        foreach (var name in new[] { "phandle", "linux,phandle" })
        {
            var v = ReadU32(node, name);
            if (v is { } ph && ph != 0 && ph != 0xffffffffu && !_byPhandle.ContainsKey(ph)) _byPhandle[ph] = node;
        }
        foreach (var c in node.LiveChildren) Index(c);
    }

    /// <summary>The node with phandle <paramref name="phandle"/>, or null (Linux's <c>of_find_node_by_phandle</c>).</summary>
    public Node? ByPhandle(uint phandle)
    {
        if (phandle == 0) return null;
        return _byPhandle.TryGetValue(phandle, out var n) ? n : null;
    }

    /// <summary>The node's phandle from its properties, or 0.</summary>
    public static uint PhandleOf(Node node) => ReadU32(node, "phandle") ?? ReadU32(node, "linux,phandle") ?? node.Phandle;

    /// <summary>The property's big-endian cells (a trailing partial cell is dropped).</summary>
    public static uint[] Cells(Property p)
    {
        var n = p.Value.Length / 4;
        var cells = new uint[n];
        for (var i = 0; i < n; i++) cells[i] = p.Value.GetCell(i * 4);
        return cells;
    }

    /// <summary>The cells of property <paramref name="name"/>, or null when absent.</summary>
    public static uint[]? Cells(Node node, string name)
    {
        var p = node.GetProperty(name);
        return p == null ? null : Cells(p);
    }

    /// <summary>Linux's <c>of_property_read_u32</c>: the first cell when the value has at least 4 bytes.</summary>
    public static uint? ReadU32(Node node, string name)
    {
        var p = node.GetProperty(name);
        if (p == null || p.Value.Length < 4) return null;
        return p.Value.GetCell(0);
    }

    /// <summary>Linux's <c>of_read_number</c>: <paramref name="count"/> cells big-endian, keeping the low 64 bits.</summary>
    public static ulong ReadNumber(IReadOnlyList<uint> cells, int offset, int count)
    {
        ulong r = 0;
        for (var i = 0; i < count; i++)
            r = (r << 32) | (offset + i < cells.Count ? cells[offset + i] : 0);
        return r;
    }

    /// <summary>True when the property exists.</summary>
    public static bool Has(Node node, string name) => node.GetProperty(name) != null;

    /// <summary>The <c>compatible</c> strings (empty when absent).</summary>
    public static List<string> Compatible(Node node) => node.GetProperty("compatible")?.Value.AsStringList() ?? [];

    /// <summary>The <c>status</c> string, or null.</summary>
    public static string? Status(Node node)
    {
        var p = node.GetProperty("status");
        return p == null ? null : p.Value.AsString();
    }

    /// <summary>Linux's <c>of_device_is_available</c> for one node: status absent, <c>okay</c> or <c>ok</c>.</summary>
    public static bool IsAvailable(Node node)
    {
        var s = Status(node);
        return s == null || s == "okay" || s == "ok";
    }

    /// <summary>True when the node and every ancestor are available (what gets probed).</summary>
    public static bool IsAvailableWithAncestors(Node node)
    {
        for (var n = node; n != null; n = n.Parent) if (!IsAvailable(n)) return false;
        return true;
    }

    /// <summary>Linux's <c>of_bus_n_addr_cells</c>: the node's own or nearest ancestor's <c>#address-cells</c>, else 1.</summary>
    public static int BusAddressCells(Node node)
    {
        for (var n = node; n != null; n = n.Parent)
            if (ReadU32(n, "#address-cells") is { } v) return (int)System.Math.Min(v, 64u);
        return 1;
    }

    /// <summary>Linux's <c>of_bus_n_size_cells</c>: the node's own or nearest ancestor's <c>#size-cells</c>, else 1.</summary>
    public static int BusSizeCells(Node node)
    {
        for (var n = node; n != null; n = n.Parent)
            if (ReadU32(n, "#size-cells") is { } v) return (int)System.Math.Min(v, 64u);
        return 1;
    }

    /// <summary>Linux's <c>of_n_addr_cells</c>: the cells of the space the node's <c>reg</c> lives in.</summary>
    public static int AddressCells(Node node) => BusAddressCells(node.Parent ?? node);

    /// <summary>Linux's <c>of_n_size_cells</c>.</summary>
    public static int SizeCells(Node node) => BusSizeCells(node.Parent ?? node);

    /// <summary>True when no node from <paramref name="node"/> up states <c>#address-cells</c> (Linux then uses 1).</summary>
    public static bool UsesDefaultAddressCells(Node node)
    {
        for (var n = node; n != null; n = n.Parent) if (ReadU32(n, "#address-cells") != null) return false;
        return true;
    }

    /// <summary>
    /// A PCI bus node for enumeration: <c>device_type</c> pci or pciex. (Address translation uses the wider
    /// <see cref="IsPciAddressBus"/>, which also accepts a node merely named <c>pcie</c>, such as a pinctrl group.)
    /// </summary>
    public static bool IsPciBus(Node node)
    {
        var t = node.GetProperty("device_type")?.Value.AsString();
        return t is "pci" or "pciex";
    }

    /// <summary>Linux's <c>of_bus_pci_match</c>: device_type pci/pciex/vci/ht, or a node named <c>pcie</c>.</summary>
    public static bool IsPciAddressBus(Node node)
    {
        var p = node.GetProperty("device_type");
        if (p != null)
        {
            var t = p.Value.AsString();
            if (t is "pci" or "pciex" or "vci" or "ht") return true;
        }
        return node.BaseName == "pcie";
    }

    /// <summary>Linux's <c>__of_get_dma_parent</c>: the <c>interconnects</c> target named <c>dma-mem</c>, else the parent.</summary>
    public Node? DmaParent(Node node)
    {
        var names = node.GetProperty("interconnect-names")?.Value.AsStringList();
        var index = names?.IndexOf("dma-mem") ?? -1;
        if (index >= 0)
        {
            var entry = ParsePhandleArgs(node, "interconnects", "#interconnect-cells", index);
            if (entry.Error == null && entry.Target != null) return entry.Target;
        }
        return node.Parent;
    }

    /// <summary>True when the node takes its DMA parent from an <c>interconnects</c> <c>dma-mem</c> entry.</summary>
    public bool HasDmaMemInterconnect(Node node) => DmaParent(node) != node.Parent;

    /// <summary>One parsed entry of a phandle-with-arguments list.</summary>
    /// <param name="Phandle">The phandle cell (0 = an empty entry).</param>
    /// <param name="Target">The node, or null.</param>
    /// <param name="Args">The argument cells.</param>
    /// <param name="Error">Linux's error message when the entry (and so the list from here) is unusable.</param>
    /// <param name="CellsProperty">True when the error is a missing cells property on the target.</param>
    public readonly record struct PhandleEntry(uint Phandle, Node? Target, uint[] Args, string? Error, bool CellsProperty = false);

    /// <summary>
    /// Linux's phandle iterator over <paramref name="list"/>: entries until the first error (the error entry is last,
    /// with <see cref="PhandleEntry.Error"/> set). A phandle of 0 is a one-cell empty entry.
    /// </summary>
    public List<PhandleEntry> ParsePhandleList(Node node, string list, string cellsName)
    {
        var result = new List<PhandleEntry>();
        var cells = Cells(node, list);
        if (cells == null) return result;
        var i = 0;
        while (i < cells.Length)
        {
            var ph = cells[i++];
            if (ph == 0)
            {
                result.Add(new PhandleEntry(0, null, [], null));
                continue;
            }
            var target = ByPhandle(ph);
            if (target == null)
            {
                result.Add(new PhandleEntry(ph, null, [], $"could not find phandle {ph}"));
                return result;
            }
            var count = ReadU32(target, cellsName);
            if (count == null)
            {
                result.Add(new PhandleEntry(ph, target, [], $"could not get {cellsName} for {target.FullPath}", true));
                return result;
            }
            if (i + count.Value > cells.Length)
            {
                result.Add(new PhandleEntry(ph, target, [], $"{list} = {count.Value} found {cells.Length - i}"));
                return result;
            }
            var args = new uint[count.Value];
            for (var k = 0; k < args.Length; k++) args[k] = cells[i + k];
            i += (int)count.Value;
            result.Add(new PhandleEntry(ph, target, args, null));
        }
        return result;
    }

    /// <summary>Linux's <c>of_parse_phandle_with_args</c> for one index.</summary>
    public PhandleEntry ParsePhandleArgs(Node node, string list, string cellsName, int index)
    {
        var entries = ParsePhandleList(node, list, cellsName);
        if (index < entries.Count) return entries[index];
        return new PhandleEntry(0, null, [], "index out of range");
    }
}
