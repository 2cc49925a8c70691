using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Model;

/// <summary>
/// A device-tree node. Deleted nodes and properties keep their slots (dtc's semantics): use the <c>Live*</c>
/// enumerations to see the tree as it will be written.
/// </summary>
public sealed class Node
{
    /// <summary>Creates a node; the root's name is the empty string.</summary>
    public Node(string name) => Name = name;

    /// <summary>Full name including the unit address (<c>serial@1000</c>); empty for the root.</summary>
    public string Name { get; internal set; }

    /// <summary>The parent, or null for the root.</summary>
    public Node? Parent { get; internal set; }

    /// <summary>Properties in definition order, deleted ones included.</summary>
    public List<Property> Properties { get; } = [];

    /// <summary>Children in definition order, deleted ones included.</summary>
    public List<Node> Children { get; } = [];

    /// <summary>Labels on the node.</summary>
    public LabelList Labels => _labels ??= new();

    // Made on first use: most nodes have no label.
    private LabelList? _labels;

    /// <summary>True when the node has a label (deleted or not), without making its list.</summary>
    internal bool HasLabels => _labels is { Count: > 0 };

    /// <summary>True when <paramref name="label"/> is one of the node's live labels, without making its list.</summary>
    internal bool HasLiveLabel(string label) => _labels is { } labels && labels.ContainsLive(label);

    /// <summary>
    /// dtc's <c>delete_node</c>: marks this node, its live descendants and their live properties deleted, with
    /// every label on them (a later definition revives the slots, not the labels).
    /// </summary>
    internal void Delete()
    {
        // A loop where dtc recurses: a tree may be thousands of levels deep.
        var stack = new Stack<Node>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            n.IsDeleted = true;
            foreach (var c in n.Children)
                if (!c.IsDeleted) stack.Push(c);
            foreach (var p in n.Properties)
                if (!p.IsDeleted) p.Delete();
            n._labels?.DeleteAll();
        }
    }

    /// <summary>True after <c>/delete-node/</c>.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>Set by <c>/omit-if-no-ref/</c>: the node is dropped unless referenced.</summary>
    public bool OmitIfUnused { get; set; }

    /// <summary>Set when a phandle or path reference resolved to this node.</summary>
    public bool IsReferenced { get; set; }

    /// <summary>
    /// Where the checks' walk last put this node (see <c>CheckRun</c>); a hint only, confirmed against the walk's
    /// own order, since one tree may be walked by several runs.
    /// </summary>
    internal int WalkIndex { get; set; } = -1;

    /// <summary>Source positions: the first definition, then each later definition merged into it.</summary>
    public List<SourceSpan> Spans { get; } = new(1); // one per definition; most nodes are defined once

    /// <summary>The phandle value once known (0 = none).</summary>
    public uint Phandle { get; set; }

    /// <summary>#address-cells that applies to children (set by the addr_size_cells fixup; -1 = unknown).</summary>
    public int AddressCells { get; set; } = -1;

    /// <summary>#size-cells that applies to children (set by the addr_size_cells fixup; -1 = unknown).</summary>
    public int SizeCells { get; set; } = -1;

    /// <summary>Bus type assigned by the bus checks (<c>PCI</c>, <c>simple-bus</c>, <c>i2c-bus</c>, ...), or null.</summary>
    public string? BusType { get; set; }


    /// <summary>The node name without the unit address.</summary>
    public string BaseName
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? Name : Name.Substring(0, at);
        }
    }

    /// <summary>The unit address (text after the first <c>@</c>), or the empty string.</summary>
    public string UnitAddress
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? "" : Name.Substring(at + 1);
        }
    }

    /// <summary>
    /// The full path, <c>/</c> for the root. A root read from a blob may carry a name, which dtc's paths then start
    /// with (<c>/name/child</c>), so it is kept here too.
    /// </summary>
    public string FullPath
    {
        get
        {
            if (Parent == null) return "/" + Name;
            // Built once from the root down: joined level by level, a path 2,500 nodes deep copied its prefix at
            // every level, and labelled nodes that deep took seconds to list under __symbols__.
            var depth = 0;
            Node root = this;
            for (; root.Parent != null; root = root.Parent) depth++;
            var chain = new Node[depth];
            var at = depth;
            for (var n = this; n.Parent != null; n = n.Parent) chain[--at] = n;
            var path = new System.Text.StringBuilder("/").Append(root.Name);
            foreach (var n in chain)
            {
                // A path that is just "/" (the root, or nodes named "" under it) gets no second '/'.
                if (path.Length != 1) path.Append('/');
                path.Append(n.Name);
            }
            return path.ToString();
        }
    }

    /// <summary>Live properties in order.</summary>
    public IEnumerable<Property> LiveProperties
    {
        get { foreach (var p in Properties) if (!p.IsDeleted) yield return p; }
    }

    /// <summary>Live children in order.</summary>
    public IEnumerable<Node> LiveChildren
    {
        get { foreach (var c in Children) if (!c.IsDeleted) yield return c; }
    }

    /// <summary>The live property with this name, or null.</summary>
    public Property? GetProperty(string name)
    {
        // Indexed loops: a List enumerator over a reference type is shared generic code that a native build does
        // not inline, and these lookups run for almost every check on every node.
        var props = Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            // The length first, in line: most names asked for differ in length from most a node has.
            if (p.Name.Length == name.Length && !p.IsDeleted && p.Name == name) return p;
        }
        return null;
    }

    /// <summary>The live child with exactly this name, or null.</summary>
    public Node? GetChild(string name)
    {
        var children = Children;
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (!c.IsDeleted && c.Name == name) return c;
        }
        return null;
    }

    /// <summary>The first source position, when the node came from source text.</summary>
    public SourceSpan? Span => Spans.Count > 0 ? Spans[0] : null;

    /// <summary>Appends a child and sets its parent.</summary>
    public void AddChild(Node child)
    {
        child.Parent = this;
        Children.Add(child);
    }

    /// <summary>Appends a property.</summary>
    public void AddProperty(Property property) => Properties.Add(property);

    /// <inheritdoc/>
    public override string ToString() => FullPath;
}
