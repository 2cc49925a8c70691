namespace DtIommu.Model;

/// <summary>dtc's reference resolution over a tree that may still change (one search per call).</summary>
public static class NodeLookup
{
    /// <summary>
    /// Resolves <c>/</c>, an absolute path or a label (dtc's <c>get_node_by_ref</c>); null when there is none.
    /// </summary>
    public static Node? ByRef(Node root, string reference)
    {
        if (reference == "/") return root;
        return reference.StartsWith("/") ? ByPath(root, reference) : ByLabel(root, reference);
    }

    /// <summary>
    /// Follows an absolute path with exact component names (dtc's <c>get_node_by_path</c>: no matching without the
    /// unit address, and <c>/</c> alone finds nothing).
    /// </summary>
    public static Node? ByPath(Node root, string path)
    {
        var node = root;
        var parts = path.Split('/');
        var any = false;
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            any = true;
            node = Subnode(node, part);
            if (node == null) return null;
        }
        return any ? node : null;
    }

    private static Node? Subnode(Node node, string name)
    {
        foreach (var c in node.Children)
            if (!c.IsDeleted && c.Name == name) return c;
        return null;
    }

    /// <summary>The first live node in pre-order with a live label <paramref name="label"/> (dtc's <c>get_node_by_label</c>).</summary>
    public static Node? ByLabel(Node node, string label)
    {
        if (node.IsDeleted) return null;
        if (node.Labels.ContainsLive(label)) return node;
        foreach (var c in node.Children)
        {
            if (c.IsDeleted) continue;
            var found = ByLabel(c, label);
            if (found != null) return found;
        }
        return null;
    }
}
