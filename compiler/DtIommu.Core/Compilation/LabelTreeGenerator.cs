using DtIommu.Literals;
using DtIommu.Model;

namespace DtIommu.Compilation;

/// <summary>
/// Builds <c>/aliases</c> (<c>-A</c>) and <c>/__symbols__</c> (<c>-@</c>) from node labels as dtc's
/// <c>generate_label_tree</c> does: one string property per live label, in pre-order, first one wins.
/// </summary>
public static class LabelTreeGenerator
{
    /// <summary>
    /// Adds the label properties under <c>/<paramref name="nodeName"/></c>; with <paramref name="allocator"/>,
    /// also gives each labelled node a phandle. Returns dtc's warnings for labels that already exist there.
    /// </summary>
    public static System.Collections.Generic.List<TableMessage> Generate(DeviceTree tree, string nodeName, PhandleAllocator? allocator)
    {
        var warnings = new System.Collections.Generic.List<TableMessage>();
        if (!AnyLabel(tree.Root)) return warnings;
        var target = GetOrAddRootChild(tree.Root, nodeName);
        Walk(tree.Root, target, allocator, warnings);
        return warnings;
    }

    private static bool AnyLabel(Node node)
    {
        if (node.HasLabels) return true;
        foreach (var c in node.LiveChildren)
            if (AnyLabel(c)) return true;
        return false;
    }

    /// <summary>The live child of the root with this name, created at the end when missing.</summary>
    public static Node GetOrAddRootChild(Node parent, string name)
    {
        var existing = parent.GetChild(name);
        if (existing != null) return existing;
        var node = new Node(name);
        parent.AddChild(node);
        return node;
    }

    private static void Walk(Node node, Node target, PhandleAllocator? allocator, System.Collections.Generic.List<TableMessage> warnings)
    {
        // dtc tests the label list itself, so a node whose labels were all deleted still gets a phandle.
        if (node.HasLabels)
        {
            foreach (var l in node.Labels.Live)
            {
                if (target.GetProperty(l.Name) != null)
                {
                    warnings.Add(new TableMessage($"WARNING: label {l.Name} already exists in /{target.Name}", EndsLine: false));
                    continue;
                }
                var value = new PropertyValue();
                value.AddMarker(MarkerKind.TypeString);
                foreach (var ch in EscapeDecoder.Decode(node.FullPath)) value.AppendByte((byte)ch);
                value.AppendByte(0);
                target.AddProperty(new Property(l.Name, value));
            }
            allocator?.GetOrAssign(node);
        }
        foreach (var c in node.Children)
            if (!c.IsDeleted) Walk(c, target, allocator, warnings);
    }
}
