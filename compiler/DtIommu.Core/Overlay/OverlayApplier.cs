using System;

namespace DtIommu.Overlay;

/// <summary>
/// libfdt's fdt_overlay_apply: renumbers the overlay's phandles past the base's, patches its local and external
/// references, merges each fragment's <c>__overlay__</c> into its target and adds the overlay's symbols to the base.
/// Both trees are edited in place; after a failure both are left unusable, as libfdt leaves them.
/// </summary>
internal static class OverlayApplier
{
    /// <summary>Applies <paramref name="overlay"/> to <paramref name="tree"/>; 0 or a libfdt error number.</summary>
    public static int Apply(FlatTree tree, FlatTree overlay)
    {
        var err = tree.RoProbe();
        if (err < 0) return err;
        err = overlay.RoProbe();
        if (err < 0) return err;
        err = tree.FindMaxPhandle(out var delta);
        if (err == 0) err = AdjustPhandles(overlay, 0, delta);
        if (err == 0) err = UpdateLocalReferences(overlay, delta);
        if (err == 0) err = OverlayFixups.Apply(tree, overlay);
        if (err == 0) err = Merge(tree, overlay);
        if (err == 0) err = OverlaySymbols.Update(tree, overlay);
        overlay.Magic = ~0u;
        if (err != 0) tree.Magic = ~0u;
        return err;
    }

    /// <summary>overlay_get_target: the base node a fragment names by <c>target</c> phandle or <c>target-path</c>.</summary>
    public static int GetTarget(FlatTree tree, FlatTree overlay, int fragment, out int targetPath)
    {
        targetPath = -1;
        uint phandle = 0;
        var at = overlay.GetProp(fragment, "target"u8, out var len);
        if (at >= 0) phandle = len != 4 || overlay.Read32(at) == uint.MaxValue ? uint.MaxValue : overlay.Read32(at);
        if (phandle == uint.MaxValue) return FdtError.BadPhandle;
        int ret, pathLen = 0;
        int path = -1;
        if (phandle == 0)
        {
            path = overlay.GetProp(fragment, "target-path"u8, out pathLen);
            ret = path >= 0 ? tree.PathOffset(overlay.CString(path).ToArray()) : pathLen;
        }
        else ret = tree.NodeOffsetByPhandle(phandle);
        // A fragment with an __overlay__ but neither target form is a malformed overlay.
        if (ret < 0 && pathLen == FdtError.NotFound) ret = FdtError.BadOverlay;
        if (ret < 0) return ret;
        targetPath = path;
        return ret;
    }

    private static int AddToPhandle(FlatTree overlay, int node, ReadOnlySpan<byte> name, uint delta)
    {
        var at = overlay.GetProp(node, name, out var len);
        if (at < 0) return len;
        if (len != 4) return FdtError.BadPhandle;
        var value = overlay.Read32(at);
        if (unchecked(value + delta) < value) return FdtError.NoPhandles;
        value += delta;
        if (value == uint.MaxValue) return FdtError.NoPhandles;
        return overlay.SetPropInPlaceU32(node, name, value);
    }

    private static int AdjustPhandles(FlatTree overlay, int node, uint delta)
    {
        var err = AddToPhandle(overlay, node, "phandle"u8, delta);
        if (err != 0 && err != FdtError.NotFound) return err;
        err = AddToPhandle(overlay, node, "linux,phandle"u8, delta);
        if (err != 0 && err != FdtError.NotFound) return err;
        for (var child = overlay.FirstSubnode(node); child >= 0; child = overlay.NextSubnode(child))
        {
            err = AdjustPhandles(overlay, child, delta);
            if (err != 0) return err;
        }
        return 0;
    }

    private static int UpdateLocalReferences(FlatTree overlay, uint delta)
    {
        var fixups = overlay.PathOffset("/__local_fixups__"u8);
        if (fixups < 0) return fixups == FdtError.NotFound ? 0 : fixups;
        return UpdateLocalNode(overlay, 0, fixups, delta);
    }

    /// <summary>Adds <paramref name="delta"/> to every cell that <c>__local_fixups__</c> lists under <paramref name="fixupNode"/>.</summary>
    private static int UpdateLocalNode(FlatTree overlay, int treeNode, int fixupNode, uint delta)
    {
        for (var prop = overlay.FirstPropertyOffset(fixupNode); prop >= 0; prop = overlay.NextPropertyOffset(prop))
        {
            var fixups = overlay.GetPropByOffset(prop, out var nameAt, out var fixupLen);
            if (fixups < 0) return fixupLen;
            if (fixupLen % 4 != 0) return FdtError.BadOverlay;
            var name = overlay.CString(nameAt).ToArray();
            var value = overlay.GetProp(treeNode, name, out var treeLen);
            if (value < 0) return treeLen == FdtError.NotFound ? FdtError.BadOverlay : treeLen;
            for (var i = 0; i < fixupLen / 4; i++)
            {
                var offset = overlay.Read32(fixups + 4 * i);
                // libfdt reads the cell before checking that it lies inside the value.
                var adjusted = unchecked(overlay.Read32(value + (long)offset) + delta);
                var cell = new[] { (byte)(adjusted >> 24), (byte)(adjusted >> 16), (byte)(adjusted >> 8), (byte)adjusted };
                var err = overlay.SetPropInPlacePartial(treeNode, name, offset, cell);
                if (err == FdtError.NoSpace) return FdtError.BadOverlay;
                if (err != 0) return err;
            }
        }
        for (var child = overlay.FirstSubnode(fixupNode); child >= 0; child = overlay.NextSubnode(child))
        {
            var childName = overlay.CString(overlay.GetName(child, out _)).ToArray();
            var treeChild = overlay.SubnodeOffset(treeNode, childName);
            if (treeChild == FdtError.NotFound) return FdtError.BadOverlay;
            if (treeChild < 0) return treeChild;
            var err = UpdateLocalNode(overlay, treeChild, child, delta);
            if (err != 0) return err;
        }
        return 0;
    }

    private static int Merge(FlatTree tree, FlatTree overlay)
    {
        for (var fragment = overlay.FirstSubnode(0); fragment >= 0; fragment = overlay.NextSubnode(fragment))
        {
            // Fragments without an __overlay__ (the fixup tables, __symbols__) are not merged.
            var content = overlay.SubnodeOffset(fragment, "__overlay__"u8);
            if (content == FdtError.NotFound) continue;
            if (content < 0) return content;
            var target = GetTarget(tree, overlay, fragment, out _);
            if (target < 0) return target;
            var err = ApplyNode(tree, target, overlay, content);
            if (err != 0) return err;
        }
        return 0;
    }

    /// <summary>overlay_apply_node: sets every property and merges every child of <paramref name="node"/> into <paramref name="target"/>.</summary>
    private static int ApplyNode(FlatTree tree, int target, FlatTree overlay, int node)
    {
        for (var prop = overlay.FirstPropertyOffset(node); prop >= 0; prop = overlay.NextPropertyOffset(prop))
        {
            var value = overlay.GetPropByOffset(prop, out var nameAt, out var len);
            if (len == FdtError.NotFound) return FdtError.Internal;
            if (len < 0) return len;
            var err = tree.SetProp(target, overlay.CString(nameAt).ToArray(), overlay.Buffer.AsSpan(value, len).ToArray());
            if (err != 0) return err;
        }
        for (var sub = overlay.FirstSubnode(node); sub >= 0; sub = overlay.NextSubnode(sub))
        {
            var name = overlay.CString(overlay.GetName(sub, out _)).ToArray();
            var child = tree.AddSubnode(target, name);
            if (child == FdtError.Exists)
            {
                child = tree.SubnodeOffset(target, name);
                if (child == FdtError.NotFound) return FdtError.Internal;
            }
            if (child < 0) return child;
            var err = ApplyNode(tree, child, overlay, sub);
            if (err != 0) return err;
        }
        return 0;
    }
}
