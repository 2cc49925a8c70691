using DtIommu.Model;

namespace DtIommu.Compilation;

/// <summary>
/// The overlay tables of a <c>/plugin/</c> tree: <c>/__fixups__</c> lists where each unresolved label is used,
/// <c>/__local_fixups__</c> mirrors the tree with the offsets of resolved phandle cells (dtc's
/// <c>generate_fixups_tree</c> and <c>generate_local_fixups_tree</c>).
/// </summary>
public static class OverlayFixupsGenerator
{
    /// <summary>Generates both tables, each only when it would not be empty.</summary>
    public static void Generate(DeviceTree tree)
    {
        var root = tree.Root;
        if (Any(root, root, resolved: false))
        {
            var fixups = LabelTreeGenerator.GetOrAddRootChild(root, "__fixups__");
            AddFixups(root, root, fixups);
        }
        if (Any(root, root, resolved: true))
        {
            var local = LabelTreeGenerator.GetOrAddRootChild(root, "__local_fixups__");
            AddLocalFixups(root, root, local);
        }
    }

    private static bool Any(Node root, Node node, bool resolved)
    {
        foreach (var prop in node.LiveProperties)
            foreach (var m in prop.Value.Markers)
                if (m.Kind == MarkerKind.RefPhandle && (NodeLookup.ByRef(root, m.Reference!) != null) == resolved)
                    return true;
        foreach (var c in node.LiveChildren)
            if (Any(root, c, resolved)) return true;
        return false;
    }

    private static void AddFixups(Node root, Node node, Node fixups)
    {
        foreach (var prop in node.LiveProperties)
        {
            foreach (var m in prop.Value.Markers)
            {
                if (m.Kind != MarkerKind.RefPhandle || NodeLookup.ByRef(root, m.Reference!) != null) continue;
                if (m.Reference!.IndexOf('/') >= 0)
                    throw new FatalCompilationException($"Can't generate fixup for reference to path &{{{m.Reference}}}");
                var path = node.FullPath;
                if (path.IndexOf(':') >= 0 || prop.Name.IndexOf(':') >= 0)
                    throw new FatalCompilationException("arguments should not contain ':'");
                var entry = Latin1.GetBytes($"{path}:{prop.Name}:{m.Offset}");
                Append(fixups, m.Reference!, entry, true, MarkerKind.TypeString);
            }
        }
        foreach (var c in node.LiveChildren) AddFixups(root, c, fixups);
    }

    private static void AddLocalFixups(Node root, Node node, Node local)
    {
        foreach (var prop in node.LiveProperties)
        {
            foreach (var m in prop.Value.Markers)
            {
                if (m.Kind != MarkerKind.RefPhandle || NodeLookup.ByRef(root, m.Reference!) == null) continue;
                var mirror = Mirror(node, local);
                var cell = new byte[] { (byte)(m.Offset >> 24), (byte)(m.Offset >> 16), (byte)(m.Offset >> 8), (byte)m.Offset };
                Append(mirror, prop.Name, cell, false, MarkerKind.TypeUint32);
            }
        }
        foreach (var c in node.LiveChildren) AddLocalFixups(root, c, local);
    }

    private static Node Mirror(Node node, Node local)
    {
        if (node.Parent == null) return local;
        var parentMirror = Mirror(node.Parent, local);
        return LabelTreeGenerator.GetOrAddRootChild(parentMirror, node.Name);
    }

    /// <summary>dtc's <c>append_to_property</c>: a typed chunk added to an existing property or a new one.</summary>
    private static void Append(Node node, string name, byte[] data, bool nulTerminate, MarkerKind type)
    {
        var prop = node.GetProperty(name);
        if (prop == null)
        {
            prop = new Property(name, new PropertyValue());
            node.AddProperty(prop);
        }
        prop.Value.AddMarker(type, name);
        prop.Value.Append(data);
        if (nulTerminate) prop.Value.AppendByte(0);
    }
}
