using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Compilation;

/// <summary>
/// dtc's tree edits: merging a later definition into an earlier one, deleting, and adding overlay fragments
/// (livetree.c <c>merge_nodes</c>, <c>delete_node</c>, <c>add_orphan_node</c>). Deleted objects keep their slots
/// so that a later definition revives them in place.
/// </summary>
public sealed class TreeEditor
{
    private int _nextFragment;

    /// <summary>Merges <paramref name="newer"/> into <paramref name="older"/>, reviving <paramref name="older"/>.</summary>
    public static void Merge(Node older, Node newer)
    {
        older.IsDeleted = false;
        if (newer.HasLabels) foreach (var l in newer.Labels.All) older.Labels.Add(l.Name);

        // Indexed loops: a List enumerator over a reference type is shared generic code that a native build does not
        // inline, and a board's overrides merge thousands of properties into nodes that have dozens.
        var newProps = newer.Properties;
        var oldProps = older.Properties;
        for (var i = 0; i < newProps.Count; i++)
        {
            var np = newProps[i];
            if (np.IsDeleted)
            {
                DeletePropertyByName(older, np.Name);
                continue;
            }
            Property? existing = null;
            for (var j = 0; j < oldProps.Count; j++)
                if (oldProps[j].Name == np.Name) { existing = oldProps[j]; break; }
            if (existing == null)
            {
                oldProps.Add(np);
                continue;
            }
            if (np.HasLabels) foreach (var l in np.Labels.All) existing.Labels.Add(l.Name);
            existing.Value = np.Value;
            existing.IsDeleted = false;
            existing.Span = np.Span;
        }

        var newChildren = newer.Children;
        var oldChildren = older.Children;
        for (var i = 0; i < newChildren.Count; i++)
        {
            var nc = newChildren[i];
            if (nc.IsDeleted)
            {
                DeleteChildByName(older, nc.Name);
                continue;
            }
            Node? existing = null;
            for (var j = 0; j < oldChildren.Count; j++)
                if (oldChildren[j].Name == nc.Name) { existing = oldChildren[j]; break; }
            if (existing == null) older.AddChild(nc);
            else Merge(existing, nc);
        }

        older.Spans.AddRange(newer.Spans);
    }

    /// <summary>Marks the first property named <paramref name="name"/> deleted, with its labels.</summary>
    public static void DeletePropertyByName(Node node, string name)
    {
        foreach (var p in node.Properties)
        {
            if (p.Name != name) continue;
            DeleteProperty(p);
            return;
        }
    }

    /// <summary>Marks a property and its labels deleted.</summary>
    public static void DeleteProperty(Property p) => p.Delete();

    /// <summary>Deletes the first child named <paramref name="name"/>.</summary>
    public static void DeleteChildByName(Node parent, string name)
    {
        foreach (var c in parent.Children)
        {
            if (c.Name != name) continue;
            DeleteNode(c);
            return;
        }
    }

    /// <summary>Marks a node, its live descendants, their properties and labels deleted.</summary>
    public static void DeleteNode(Node node) => node.Delete();

    /// <summary>
    /// Wraps <paramref name="overlay"/> in a new <c>fragment@N</c> under <paramref name="root"/> targeting
    /// <paramref name="reference"/>; N counts fragments of this compilation only, like dtc's static counter.
    /// </summary>
    public void AddOrphan(Node root, Node overlay, string reference)
    {
        var value = new PropertyValue();
        Property target;
        if (reference.Length > 0 && reference[0] == '/')
        {
            value.AddMarker(MarkerKind.TypeString, reference);
            value.Append(Latin1.GetBytes(reference));
            value.AppendByte(0);
            target = new Property("target-path", value);
        }
        else
        {
            value.AddMarker(MarkerKind.RefPhandle, reference);
            value.AppendCell(0xffffffff);
            target = new Property("target", value);
        }
        overlay.Name = "__overlay__";
        var fragment = new Node($"fragment@{_nextFragment++}");
        fragment.AddProperty(target);
        fragment.AddChild(overlay);
        root.AddChild(fragment);
    }
}
