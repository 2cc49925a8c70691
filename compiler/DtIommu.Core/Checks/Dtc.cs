using System;
using System.Collections.Generic;
using System.Globalization;
using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>Small helpers that read the tree exactly as dtc's accessors do.</summary>
internal static class Dtc
{
    /// <summary>dtc's <c>phandle_is_valid</c>.</summary>
    public static bool IsValidPhandle(uint phandle) => phandle != 0 && phandle != 0xffffffffu;

    /// <summary>Cell <paramref name="index"/> of a value; 0 past the end, where dtc would read beyond the buffer.</summary>
    public static uint Cell(PropertyValue value, int index)
    {
        var offset = index * 4;
        if (index < 0 || offset + 4 > value.Length) return 0;
        return value.GetCell(offset);
    }

    /// <summary>The single cell of a 4-byte value, or null when the length is not 4 (where dtc asserts).</summary>
    public static uint? SingleCell(Property? prop) =>
        prop != null && prop.Value.Length == 4 ? prop.Value.GetCell(0) : null;

    /// <summary>#address-cells for children, with dtc's default of 2.</summary>
    public static int AddrCells(Node n) => n.AddressCells == -1 ? 2 : n.AddressCells;

    /// <summary>#size-cells for children, with dtc's default of 1.</summary>
    public static int SizeCells(Node n) => n.SizeCells == -1 ? 1 : n.SizeCells;

    /// <summary>The value read as a C string (up to the first NUL); <c>(null)</c> for an empty value, as glibc prints it.</summary>
    public static string CString(PropertyValue value) => value.Length == 0 ? "(null)" : value.AsString();

    /// <summary>dtc's <c>streq(prop->val.val, s)</c> for a property that may be empty.</summary>
    public static bool StringEquals(Property? prop, string s) => prop != null && prop.Value.Length > 0 && prop.Value.AsString() == s;

    /// <summary>
    /// A node's full path as dtc stored it; nodes under a deletion get none, which glibc prints as <c>(null)</c>.
    /// </summary>
    public static string Path(Node node)
    {
        // dtc fills in paths from the root down through live children only, so a deleted node has none; the root
        // always gets its path, even after /delete-node/ &{/}. A parentless node with a name is a /delete-node/
        // marker that was never merged, not a root.
        for (var p = node; p != null; p = p.Parent)
            if (p.IsDeleted && (p.Parent != null || p.Name.Length > 0)) return "(null)";
        return node.FullPath;
    }

    /// <summary>True when the node has any child, deleted ones included (dtc tests <c>node->children</c>).</summary>
    public static bool HasChildList(Node node) => node.Children.Count > 0;

    /// <summary>True when the base name (before any <c>@</c>) is exactly <paramref name="s"/>, without allocating.</summary>
    public static bool BaseNameIs(Node node, string s)
    {
        var name = node.Name;
        var at = name.IndexOf('@');
        var len = at < 0 ? name.Length : at;
        return len == s.Length && string.CompareOrdinal(name, 0, s, 0, len) == 0;
    }

    /// <summary>True when the node has a non-empty unit address (dtc's <c>get_unitname(node)[0]</c>).</summary>
    public static bool HasUnitAddress(Node node)
    {
        var at = node.Name.IndexOf('@');
        return at >= 0 && at < node.Name.Length - 1;
    }

    /// <summary>True when the unit address is exactly <paramref name="value"/> in lower-case hex (<c>%x</c>), without allocating.</summary>
    public static bool UnitAddressIsHex(Node node, ulong value)
    {
        var name = node.Name;
        var at = name.IndexOf('@');
        var start = at < 0 ? name.Length : at + 1;
        var digits = 1;
        for (var v = value >> 4; v != 0; v >>= 4) digits++;
        if (name.Length - start != digits) return false;
        for (var i = name.Length - 1; i >= start; i--, value >>= 4)
        {
            var d = (int)(value & 0xf);
            if (name[i] != (char)(d < 10 ? '0' + d : 'a' + d - 10)) return false;
        }
        return true;
    }

    /// <summary>Ordinal suffix test (dtc's <c>strends</c>).</summary>
    public static bool EndsWith(string s, string suffix)
    {
        var offset = s.Length - suffix.Length;
        if (offset < 0) return false;
        for (var i = 0; i < suffix.Length; i++)
            if (s[offset + i] != suffix[i]) return false;
        return true;
    }

    /// <summary>Ordinal prefix test (dtc's <c>strstarts</c>).</summary>
    public static bool StartsWith(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Lower-case hex without prefix (<c>%x</c>).</summary>
    public static string Hex(ulong value) => value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Decimal (<c>%d</c>/<c>%u</c>).</summary>
    public static string Dec(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>dtc's <c>strspn</c>: the length of the prefix of <paramref name="s"/> made of <paramref name="allowed"/> characters.</summary>
    public static int Span(string s, CharSet allowed)
    {
        for (var i = 0; i < s.Length; i++)
            if (!allowed.Contains(s[i])) return i;
        return s.Length;
    }

    /// <summary>True when the NUL-separated strings of <paramref name="value"/> include <paramref name="s"/>.</summary>
    public static bool ContainsString(PropertyValue value, string s)
    {
        var bytes = value.Bytes;
        var start = 0;
        while (start < bytes.Length)
        {
            var end = start;
            while (end < bytes.Length && bytes[end] != 0) end++;
            if (end - start == s.Length)
            {
                var same = true;
                for (var i = 0; i < s.Length && same; i++) same = bytes[start + i] == s[i];
                if (same) return true;
            }
            start = end + 1;
        }
        return false;
    }

    /// <summary>dtc's <c>get_property</c> on another node, for readability at call sites.</summary>
    public static Property? Prop(Node node, string name) => node.GetProperty(name);

    /// <summary>The node is an interrupt provider (has <c>interrupt-controller</c> or <c>interrupt-map</c>).</summary>
    public static bool IsInterruptProvider(Node node) =>
        node.GetProperty("interrupt-controller") != null || node.GetProperty("interrupt-map") != null;

    /// <summary>Bytes of an ASCII/Latin-1 string plus its NUL terminator.</summary>
    public static byte[] NulTerminated(string s)
    {
        var bytes = new byte[s.Length + 1];
        for (var i = 0; i < s.Length; i++) bytes[i] = (byte)s[i];
        return bytes;
    }
}

/// <summary>A set of ASCII characters with constant-time membership, for dtc's <c>strspn</c> character classes.</summary>
internal sealed class CharSet
{
    private readonly bool[] _members = new bool[128];

    public CharSet(string chars)
    {
        foreach (var c in chars) _members[c] = true;
    }

    public bool Contains(char c) => c < 128 && _members[c];
}

/// <summary>
/// dtc's <c>get_node_by_ref</c>, <c>get_node_by_path</c> and <c>get_node_by_label</c> over a snapshot of the live
/// tree: a label dictionary (first node in pre-order wins) and child dictionaries for wide nodes keep lookups O(1).
/// </summary>
internal sealed class ReferenceIndex
{
    private const int WideNode = 8;
    private readonly Node _root;
    private Dictionary<string, Node>? _labelIndex;
    private readonly Dictionary<Node, Dictionary<string, Node>> _children = [];

    public ReferenceIndex(Node root) => _root = root;

    private Dictionary<string, Node> Labels => _labelIndex ??= BuildLabels(_root);

    private static Dictionary<string, Node> BuildLabels(Node root)
    {
        var labels = new Dictionary<string, Node>(StringComparer.Ordinal);
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.HasLabels)
                for (var li = 0; li < n.Labels.Count; li++)
                    if (n.Labels[li] is { IsDeleted: false } l)
                        if (!labels.ContainsKey(l.Name)) labels[l.Name] = n;
            for (var k = n.Children.Count - 1; k >= 0; k--)
                if (!n.Children[k].IsDeleted) stack.Push(n.Children[k]);
        }
        return labels;
    }

    /// <summary>Resolves <c>/</c>, <c>/path</c>, <c>label</c> or <c>label/path</c>.</summary>
    public Node? Resolve(string reference)
    {
        if (reference == "/") return _root;
        if (reference.Length > 0 && reference[0] == '/') return ByPath(_root, reference);
        var slash = reference.IndexOf('/');
        var label = slash < 0 ? reference : reference.Substring(0, slash);
        if (!Labels.TryGetValue(label, out var target)) return null;
        return slash < 0 ? target : ByPath(target, reference.Substring(slash + 1));
    }

    /// <summary>The first node in pre-order with this live label.</summary>
    public Node? ByLabel(string label) => Labels.TryGetValue(label, out var n) ? n : null;

    /// <summary>dtc's <c>get_node_by_path</c>: empty path is the start node itself, leading slashes are skipped.</summary>
    public Node? ByPath(Node tree, string path)
    {
        var node = tree;
        var pos = 0;
        while (true)
        {
            if (pos >= path.Length) return node.IsDeleted ? null : node;
            while (pos < path.Length && path[pos] == '/') pos++;
            var slash = path.IndexOf('/', pos);
            var name = slash < 0 ? path.Substring(pos) : path.Substring(pos, slash - pos);
            var child = Child(node, name);
            if (child == null) return null;
            if (slash < 0) return child;
            node = child;
            pos = slash + 1;
        }
    }

    private Node? Child(Node node, string name)
    {
        var children = node.Children;
        if (children.Count <= WideNode)
        {
            foreach (var c in children)
                if (!c.IsDeleted && c.Name == name) return c;
            return null;
        }
        if (!_children.TryGetValue(node, out var map))
        {
            map = new Dictionary<string, Node>(StringComparer.Ordinal);
            foreach (var c in children)
                if (!c.IsDeleted && !map.ContainsKey(c.Name)) map[c.Name] = c;
            _children[node] = map;
        }
        return map.TryGetValue(name, out var found) ? found : null;
    }
}
