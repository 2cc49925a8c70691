using System.Collections.Generic;
using System;
using DtIommu.Literals;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Compilation;

/// <summary>
/// Reads overlay tables already present in a tree back into labels and reference markers (dtc 1.7+):
/// <c>/__symbols__</c> entries become node labels, <c>/__fixups__</c> and <c>/__local_fixups__</c> entries become
/// phandle-reference markers, so a decompiled overlay prints <c>&amp;label</c> again and regenerated tables do
/// not repeat entries. Malformed entries are skipped with dtc's warnings.
/// </summary>
public static class OverlayTablesImporter
{
    /// <summary>Adds a label to each node that <c>/__symbols__</c> names by path.</summary>
    public static void ImportSymbolLabels(DeviceTree tree, List<TableMessage> warnings, bool quiet)
    {
        var symbols = tree.Root.GetChild("__symbols__");
        if (symbols == null) return;
        foreach (var p in symbols.LiveProperties)
        {
            var path = p.Value.AsString();
            var node = NodeLookup.ByDtcPath(tree.Root, path);
            if (node != null) node.Labels.Add(p.Name);
            else if (!quiet) warnings.Add(new TableMessage($"Warning: Path {path} referenced in property __symbols__/{p.Name} missing", EndsLine: false));
        }
    }

    /// <summary>Marks every cell that <c>/__fixups__</c> lists as a reference to its label.</summary>
    public static void ImportFixups(DeviceTree tree, List<TableMessage> warnings, bool quiet)
    {
        var fixups = tree.Root.GetChild("__fixups__");
        if (fixups == null) return;
        foreach (var fp in fixups.LiveProperties)
        {
            var bytes = fp.Value.Bytes;
            var pos = 0;
            while (pos < bytes.Length)
            {
                var nul = bytes.Slice(pos).IndexOf((byte)0);
                if (nul < 0)
                {
                    if (!quiet) warnings.Add($"Warning: Malformed fixup entry for label {fp.Name}");
                    break;
                }
                var entry = Latin1.GetString(bytes.Slice(pos, nul).ToArray());
                pos += nul + 1;
                var c1 = entry.IndexOf(':');
                var c2 = c1 < 0 ? -1 : entry.IndexOf(':', c1 + 1);
                if (c1 < 0 || c2 < 0)
                {
                    if (!quiet) warnings.Add($"Warning: Malformed fixup entry for label {fp.Name}");
                    continue;
                }
                var nodePath = entry.Substring(0, c1);
                var propName = entry.Substring(c1 + 1, c2 - c1 - 1);
                var node = NodeLookup.ByDtcPath(tree.Root, nodePath);
                if (node == null)
                {
                    if (!quiet) warnings.Add($"Warning: Label {fp.Name} references non-existing node {nodePath}");
                    continue;
                }
                var prop = node.GetProperty(propName);
                if (prop == null)
                {
                    if (!quiet) warnings.Add($"Warning: Label {fp.Name} references non-existing property {node.FullPath} in node {propName}");
                    continue;
                }
                var offset = CNumber.Strtol(entry.Substring(c2 + 1));
                if (offset < 0 || offset + 4 > prop.Value.Length)
                {
                    if (!quiet) warnings.Add($"Warning: Label {fp.Name} contains invalid offset for property {prop.Name} in node {node.FullPath}");
                    continue;
                }
                MarkerInserter.Add(prop.Value, MarkerKind.RefPhandle, (int)offset, fp.Name);
            }
        }
    }

    /// <summary>Marks every cell that <c>/__local_fixups__</c> lists as a reference to the node its phandle names.</summary>
    public static void ImportLocalFixups(DeviceTree tree, PhandleAllocator phandles, List<TableMessage> warnings, bool quiet)
    {
        var local = tree.Root.GetChild("__local_fixups__");
        if (local == null) return;
        ImportLocal(local, tree.Root, phandles, warnings, quiet);
    }

    private static void ImportLocal(Node lf, Node n, PhandleAllocator phandles, List<TableMessage> warnings, bool quiet)
    {
        foreach (var lfp in lf.LiveProperties)
        {
            var p = n.GetProperty(lfp.Name);
            if (p == null)
            {
                if (!quiet) warnings.Add($"Warning: Property {lfp.Name} in {n.FullPath} referenced in __local_fixups__ missing");
                continue;
            }
            if (lfp.Value.Length % 4 != 0)
            {
                if (!quiet) warnings.Add($"Warning: property {lfp.Name} in /__local_fixups__{n.FullPath} malformed");
                continue;
            }
            for (var i = 0; i < lfp.Value.Length; i += 4)
                AddPhandleMarker(p, (int)lfp.Value.GetCell(i), phandles, warnings, quiet);
        }
        foreach (var sub in lf.LiveChildren)
        {
            var target = n.GetChild(sub.Name);
            if (target == null)
            {
                if (!quiet) warnings.Add($"Warning: node {sub.Name}/{n.FullPath} referenced in __local_fixups__ missing");
                continue;
            }
            ImportLocal(sub, target, phandles, warnings, quiet);
        }
    }

    /// <summary>dtc's <c>add_phandle_marker</c>: the cell at <paramref name="offset"/> refers to the node with that phandle.</summary>
    public static void AddPhandleMarker(Property p, int offset, PhandleAllocator phandles, List<TableMessage> warnings, bool quiet)
    {
        if (offset < 0 || p.Value.Length < offset + 4)
        {
            if (!quiet) warnings.Add($"Warning: property {p.Name} too short to contain a phandle at offset {(uint)offset}");
            return;
        }
        var phandle = p.Value.GetCell(offset);
        var target = phandles.Find(phandle);
        if (target == null)
        {
            if (!quiet) warnings.Add($"Warning: node referenced by phandle 0x{phandle:x} in property {p.Name} not found");
            return;
        }
        string? reference = null;
        foreach (var l in target.Labels.All) { reference = l.Name; break; }
        MarkerInserter.Add(p.Value, MarkerKind.RefPhandle, offset, reference ?? target.FullPath);
    }
}
