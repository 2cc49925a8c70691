using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Compilation;

/// <summary>
/// The overlay tables of a <c>/plugin/</c> tree: <c>/__fixups__</c> lists where each unresolved label is used,
/// <c>/__local_fixups__</c> mirrors the tree with the offsets of resolved phandle cells (dtc's
/// <c>generate_fixups_tree</c> and <c>generate_local_fixups_tree</c>).
/// </summary>
public static class OverlayFixupsGenerator
{
    /// <summary>
    /// Generates both tables, each only when it would not be empty; entries already present are not repeated.
    /// Returns dtc's warnings for pre-existing tables whose contents could not be extended.
    /// </summary>
    public static List<TableMessage> Generate(DeviceTree tree)
    {
        var warnings = new List<TableMessage>();
        var root = tree.Root;
        // Each reference is resolved once; the tables added below hold no references, so the answers stay valid.
        var references = new List<(Node Node, Property Property, Marker Marker, bool Resolved)>();
        Collect(root, root, references);
        if (references.Exists(r => !r.Resolved))
        {
            var fixups = LabelTreeGenerator.GetOrAddRootChild(root, "__fixups__");
            var ok = true;
            foreach (var r in references)
                if (!r.Resolved) ok &= AddFixup(fixups, r.Node, r.Property, r.Marker);
            if (!ok) warnings.Add("Warning: Preexisting data in __fixups__ malformed, some content could not be added.");
        }
        if (references.Exists(r => r.Resolved))
        {
            var local = LabelTreeGenerator.GetOrAddRootChild(root, "__local_fixups__");
            var ok = true;
            foreach (var r in references)
                if (r.Resolved) ok &= AppendUniqueCell(Mirror(r.Node, local), r.Property.Name, (uint)r.Marker.Offset);
            if (!ok) warnings.Add("Warning: Preexisting data in __local_fixups__ malformed, some content could not be added.");
        }
        return warnings;
    }

    /// <summary>Every phandle reference of live properties in dtc's pre-order, with whether it resolves.</summary>
    private static void Collect(Node root, Node node, List<(Node, Property, Marker, bool)> references)
    {
        foreach (var prop in node.LiveProperties)
            foreach (var m in prop.Value.Markers)
                if (m.Kind == MarkerKind.RefPhandle)
                    references.Add((node, prop, m, NodeLookup.ByRef(root, m.Reference!) != null));
        foreach (var c in node.LiveChildren) Collect(root, c, references);
    }

    private static bool AddFixup(Node fixups, Node node, Property prop, Marker m)
    {
        if (m.Reference!.IndexOf('/') >= 0)
            throw new FatalCompilationException($"Can't generate fixup for reference to path &{{{m.Reference}}}");
        var path = node.FullPath;
        if (path.IndexOf(':') >= 0 || prop.Name.IndexOf(':') >= 0)
            throw new FatalCompilationException("arguments should not contain ':'");
        return AppendUniqueString(fixups, m.Reference!, $"{path}:{prop.Name}:{m.Offset}");
    }

    private static Node Mirror(Node node, Node local)
    {
        if (node.Parent == null) return local;
        var parentMirror = Mirror(node.Parent, local);
        return LabelTreeGenerator.GetOrAddRootChild(parentMirror, node.Name);
    }

    /// <summary>Appends a string unless the property already lists it; false when the property is not a string list.</summary>
    private static bool AppendUniqueString(Node node, string name, string entry)
    {
        var prop = node.GetProperty(name);
        if (prop != null)
        {
            var v = prop.Value;
            if (v.Length > 0 && v.Bytes[v.Length - 1] != 0) return false;
            foreach (var s in v.AsStringList()) if (s == entry) return true;
        }
        else
        {
            prop = new Property(name, new PropertyValue());
            node.AddProperty(prop);
        }
        prop.Value.AddMarker(MarkerKind.TypeString, name);
        prop.Value.Append(Latin1.GetBytes(entry));
        prop.Value.AppendByte(0);
        return true;
    }

    /// <summary>Appends a cell unless the property already holds it; false when the property is not a cell array.</summary>
    private static bool AppendUniqueCell(Node node, string name, uint cell)
    {
        var prop = node.GetProperty(name);
        if (prop != null)
        {
            var v = prop.Value;
            if (v.Length % 4 != 0) return false;
            for (var i = 0; i < v.Length; i += 4) if (v.GetCell(i) == cell) return true;
        }
        else
        {
            prop = new Property(name, new PropertyValue());
            node.AddProperty(prop);
        }
        prop.Value.AddMarker(MarkerKind.TypeUint32, name);
        prop.Value.AppendCell(cell);
        return true;
    }
}
