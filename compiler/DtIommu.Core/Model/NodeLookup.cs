namespace DtIommu.Model;

/// <summary>dtc's reference resolution over a tree that may still change (one search per call).</summary>
public static class NodeLookup
{
    /// <summary>
    /// Resolves <c>/</c>, an absolute path, a label, or a label-relative path <c>label/sub/node</c>
    /// (dtc's <c>get_node_by_ref</c>); null when there is none.
    /// </summary>
    public static Node? ByRef(Node root, string reference)
    {
        if (reference == "/") return root;
        if (reference.Length > 0 && reference[0] == '/') return ByPath(root, reference);
        var slash = reference.IndexOf('/');
        if (slash < 0) return ByLabel(root, reference);
        var target = ByLabel(root, reference.Substring(0, slash));
        return target == null ? null : ByPathFrom(target, reference.Substring(slash + 1), requireComponent: false);
    }

    /// <summary>True for a label-relative reference (<c>label/path</c>), which plugins cannot use.</summary>
    public static bool IsRelative(string reference) =>
        reference.Length > 0 && reference[0] != '/' && reference.IndexOf('/', 1) >= 0;

    /// <summary>
    /// Follows an absolute path with exact component names (dtc's <c>get_node_by_path</c>: no matching without the
    /// unit address, and <c>/</c> alone finds nothing).
    /// </summary>
    public static Node? ByPath(Node root, string path) => ByPathFrom(root, path, requireComponent: true);

    /// <summary>Follows a path from <paramref name="start"/>; an empty path is the start node itself.</summary>
    public static Node? ByPathFrom(Node start, string path) => ByPathFrom(start, path, requireComponent: false);

    /// <summary>
    /// dtc's <c>get_node_by_path</c> word for word, for paths read from a blob's overlay tables: an empty path is
    /// the tree itself, leading slashes are skipped, and what is left names a child, so <c>/</c> alone looks for a
    /// child with an empty name and finds none.
    /// </summary>
    public static Node? ByDtcPath(Node tree, string path)
    {
        // A loop where dtc recurses: a blob's path may have any number of components.
        for (var pos = 0; ; )
        {
            if (pos >= path.Length) return tree.IsDeleted ? null : tree;
            while (pos < path.Length && path[pos] == '/') pos++;
            var slash = path.IndexOf('/', pos);
            var name = slash < 0 ? path.Substring(pos) : path.Substring(pos, slash - pos);
            var child = Subnode(tree, name);
            if (child == null || slash < 0) return child;
            tree = child;
            pos = slash + 1;
        }
    }

    private static Node? ByPathFrom(Node start, string path, bool requireComponent)
    {
        var node = start;
        var parts = path.Split('/');
        var any = false;
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            any = true;
            node = Subnode(node, part);
            if (node == null) return null;
        }
        if (!any && requireComponent) return null;
        return node.IsDeleted ? null : node;
    }

    private static Node? Subnode(Node node, string name)
    {
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (!c.IsDeleted && c.Name == name) return c;
        }
        return null;
    }

    /// <summary>The first live node in pre-order with a live label <paramref name="label"/> (dtc's <c>get_node_by_label</c>).</summary>
    public static Node? ByLabel(Node node, string label)
    {
        if (node.IsDeleted) return null;
        if (node.HasLiveLabel(label)) return node;
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (c.IsDeleted) continue;
            var found = ByLabel(c, label);
            if (found != null) return found;
        }
        return null;
    }
}
