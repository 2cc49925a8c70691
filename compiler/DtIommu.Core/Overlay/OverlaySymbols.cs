using System;

namespace DtIommu.Overlay;

/// <summary>
/// overlay_symbol_update: each overlay symbol that points inside a fragment's <c>__overlay__</c> becomes a base
/// symbol with the fragment's target path in front (a symbol on the <c>__overlay__</c> node itself keeps libfdt's
/// trailing '/').
/// </summary>
internal static class OverlaySymbols
{
    private static readonly byte[] OverlayDir = "/__overlay__/"u8.ToArray();

    /// <summary>Copies the overlay's symbols into the base; 0 or a libfdt error number.</summary>
    public static int Update(FlatTree tree, FlatTree overlay)
    {
        var overlaySymbols = overlay.SubnodeOffset(0, "__symbols__"u8);
        if (overlaySymbols < 0) return 0;
        var symbols = tree.SubnodeOffset(0, "__symbols__"u8);
        if (symbols == FdtError.NotFound) symbols = tree.AddSubnode(0, "__symbols__"u8);
        if (symbols < 0) return symbols;
        for (var prop = overlay.FirstPropertyOffset(overlaySymbols); prop >= 0; prop = overlay.NextPropertyOffset(prop))
        {
            var err = UpdateOne(tree, overlay, symbols, prop);
            if (err != 0) return err;
        }
        return 0;
    }

    private static int UpdateOne(FlatTree tree, FlatTree overlay, int symbols, int prop)
    {
        var pathAt = overlay.GetPropByOffset(prop, out var nameAt, out var pathLen);
        if (pathAt < 0) return pathLen;
        var path = overlay.Buffer.AsSpan(pathAt, pathLen).ToArray();
        var name = overlay.CString(nameAt).ToArray();
        if (pathLen < 1 || Array.IndexOf(path, (byte)0) != pathLen - 1) return FdtError.BadValue;
        if (path[0] != (byte)'/') return FdtError.BadValue;
        var s = Array.IndexOf(path, (byte)'/', 1);
        // Symbols outside any fragment do not end up in the base.
        if (s < 0 || s >= pathLen - 1) return 0;
        var fragmentName = path.AsSpan(1, s - 1);
        var tail = pathLen - s;
        int relStart, relLen;
        if (tail > OverlayDir.Length && path.AsSpan(s, OverlayDir.Length).SequenceEqual(OverlayDir))
        {
            relStart = s + OverlayDir.Length;
            relLen = pathLen - relStart - 1;
        }
        else if (tail == OverlayDir.Length && path.AsSpan(s, OverlayDir.Length - 1).SequenceEqual(OverlayDir.AsSpan(0, OverlayDir.Length - 1)))
        {
            relStart = 0;
            relLen = 0;
        }
        else return 0;
        var fragment = overlay.SubnodeOffset(0, fragmentName);
        if (fragment < 0) return FdtError.BadOverlay;
        if (overlay.SubnodeOffset(fragment, "__overlay__"u8) < 0) return FdtError.BadOverlay;
        var target = OverlayApplier.GetTarget(tree, overlay, fragment, out var targetPath);
        if (target < 0) return target;
        int len;
        if (targetPath < 0)
        {
            len = PathLength(tree, target);
            if (len < 0) return len;
        }
        else len = overlay.CString(targetPath).Length;
        var err = tree.SetPropPlaceholder(symbols, name, len + (len > 1 ? 1 : 0) + relLen + 1, out var buf);
        if (err < 0) return err;
        if (targetPath < 0)
        {
            // The base moved under the placeholder: look the target up again.
            target = OverlayApplier.GetTarget(tree, overlay, fragment, out targetPath);
            if (target < 0) return target;
        }
        if (len > 1)
        {
            if (targetPath < 0)
            {
                err = tree.GetPath(target, tree.Buffer, buf, len + 1);
                if (err < 0) return err;
            }
            else overlay.Buffer.AsSpan(targetPath, len + 1).CopyTo(tree.Buffer.AsSpan(buf));
        }
        else len--;
        tree.Buffer[buf + len] = (byte)'/';
        path.AsSpan(relStart, relLen).CopyTo(tree.Buffer.AsSpan(buf + len + 1));
        tree.Buffer[buf + len + 1 + relLen] = 0;
        return 0;
    }

    /// <summary>get_path_len: the length of a node's full path ("/" for the root).</summary>
    private static int PathLength(FlatTree tree, int node)
    {
        var probe = tree.RoProbe();
        if (probe < 0) return probe;
        var len = 0;
        while (true)
        {
            var name = tree.GetName(node, out var namelen);
            if (name < 0) return namelen;
            if (namelen == 0) break;
            node = tree.ParentOffset(node);
            if (node < 0) return node;
            len += namelen + 1;
        }
        return len == 0 ? 1 : len;
    }
}
