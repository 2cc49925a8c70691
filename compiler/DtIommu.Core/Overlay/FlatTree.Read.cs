using System;

namespace DtIommu.Overlay;

/// <summary>libfdt's read-only walk (fdt.c, fdt_ro.c): tags, nodes, properties, paths and phandles.</summary>
internal sealed partial class FlatTree
{
    /// <summary>fdt_offset_ptr: the absolute position of <paramref name="len"/> bytes at structure offset <paramref name="offset"/>, or -1.</summary>
    private long OffsetPtr(long offset, long len)
    {
        if (offset < 0 || len < 0) return -1;
        var abs = offset + OffStruct;
        if (abs + len > TotalSize || abs + len > Buffer.Length) return -1;
        if (Version >= 0x11 && offset + len > SizeStruct) return -1;
        return abs;
    }

    /// <summary>fdt_next_tag: the tag at <paramref name="start"/> and where the next one begins (or an error).</summary>
    public uint NextTag(int start, out int next)
    {
        next = FdtError.Truncated;
        var tagAt = OffsetPtr(start, 4);
        if (tagAt < 0) return TagEnd;
        var tag = Read32(tagAt);
        long offset = start + 4;
        next = FdtError.BadStructure;
        switch (tag)
        {
            case TagBeginNode:
                long p;
                do p = OffsetPtr(offset++, 1);
                while (p >= 0 && Buffer[p] != 0);
                if (p < 0) return TagEnd;
                break;
            case TagProp:
                var lenAt = OffsetPtr(offset, 4);
                if (lenAt < 0) return TagEnd;
                long len = Read32(lenAt);
                offset += PropertyHeaderSize - 4 + len;
                // Before version 16, values of 8 bytes or more were aligned to 8.
                if (Version < 0x10 && len >= 8 && (offset - len) % 8 != 0) offset += 4;
                break;
            case TagEnd:
            case TagEndNode:
            case TagNop:
                break;
            default:
                return TagEnd;
        }
        if (offset > int.MaxValue - 4 || OffsetPtr(start, offset - start) < 0) return TagEnd;
        next = TagAlign((int)offset);
        return tag;
    }

    /// <summary>fdt_check_node_offset_: the offset after a BEGIN_NODE tag, or BADOFFSET.</summary>
    public int CheckNodeOffset(int offset)
    {
        if (offset < 0 || offset % 4 != 0) return FdtError.BadOffset;
        return NextTag(offset, out var next) == TagBeginNode ? next : FdtError.BadOffset;
    }

    private int CheckPropOffset(int offset)
    {
        if (offset < 0 || offset % 4 != 0) return FdtError.BadOffset;
        return NextTag(offset, out var next) == TagProp ? next : FdtError.BadOffset;
    }

    /// <summary>fdt_next_node without depth tracking.</summary>
    public int NextNode(int offset)
    {
        var depth = 0;
        return NextNode(offset, ref depth, false);
    }

    /// <summary>fdt_next_node: the next node in document order, tracking <paramref name="depth"/>.</summary>
    public int NextNode(int offset, ref int depth) => NextNode(offset, ref depth, true);

    private int NextNode(int offset, ref int depth, bool trackDepth)
    {
        var next = 0;
        if (offset >= 0 && (next = CheckNodeOffset(offset)) < 0) return next;
        uint tag;
        do
        {
            offset = next;
            tag = NextTag(offset, out next);
            switch (tag)
            {
                case TagBeginNode:
                    if (trackDepth) depth++;
                    break;
                case TagEndNode:
                    if (trackDepth && --depth < 0) return next;
                    break;
                case TagEnd:
                    return next >= 0 || (next == FdtError.Truncated && !trackDepth) ? FdtError.NotFound : next;
            }
        } while (tag != TagBeginNode);
        return offset;
    }

    /// <summary>fdt_first_subnode.</summary>
    public int FirstSubnode(int offset)
    {
        var depth = 0;
        offset = NextNode(offset, ref depth);
        return offset < 0 || depth != 1 ? FdtError.NotFound : offset;
    }

    /// <summary>fdt_next_subnode.</summary>
    public int NextSubnode(int offset)
    {
        var depth = 1;
        do
        {
            offset = NextNode(offset, ref depth);
            if (offset < 0 || depth < 1) return FdtError.NotFound;
        } while (depth > 1);
        return offset;
    }

    /// <summary>fdt_get_string: the absolute position of string <paramref name="stroffset"/>, or -1 with the error in <paramref name="len"/>.</summary>
    public int GetString(int stroffset, out int len)
    {
        var total = RoProbe();
        len = total;
        if (total < 0) return -1;
        len = FdtError.BadOffset;
        var abs = (long)(uint)stroffset + OffStrings;
        if (abs >= total) return -1;
        var avail = total - abs;
        if (Magic == FdtMagic)
        {
            if (stroffset < 0) return -1;
            if (Version >= 17)
            {
                if ((uint)stroffset >= SizeStrings) return -1;
                avail = Math.Min(avail, SizeStrings - (uint)stroffset);
            }
        }
        else
        {
            len = FdtError.Internal;
            return -1;
        }
        avail = Math.Min(avail, Buffer.Length - abs);
        var n = Array.IndexOf(Buffer, (byte)0, (int)abs, (int)avail);
        if (n < 0)
        {
            len = FdtError.Truncated;
            return -1;
        }
        len = n - (int)abs;
        return (int)abs;
    }

    /// <summary>fdt_get_name: the absolute position of a node's name, or -1 with the error in <paramref name="len"/>.</summary>
    public int GetName(int node, out int len)
    {
        int err;
        if ((err = RoProbe()) < 0 || (err = CheckNodeOffset(node)) < 0)
        {
            len = err;
            return -1;
        }
        var at = (int)(OffStruct + node + 4);
        if (Version < 0x10)
        {
            // Old blobs hold full paths; libfdt hands out the leaf.
            var slash = CString(at).LastIndexOf((byte)'/');
            if (slash < 0)
            {
                len = FdtError.BadStructure;
                return -1;
            }
            at += slash + 1;
        }
        len = CString(at).Length;
        return at;
    }

    private bool NodeNameEquals(int node, ReadOnlySpan<byte> s)
    {
        var p = GetName(node, out var plen);
        if (p < 0 || plen < s.Length) return false;
        if (!Buffer.AsSpan(p, s.Length).SequenceEqual(s)) return false;
        var after = Buffer[p + s.Length];
        return after == 0 || (s.IndexOf((byte)'@') < 0 && after == (byte)'@');
    }

    /// <summary>fdt_subnode_offset_namelen: a child by name, with or without its unit address.</summary>
    public int SubnodeOffset(int offset, ReadOnlySpan<byte> name)
    {
        var probe = RoProbe();
        if (probe < 0) return probe;
        var depth = 0;
        for (; offset >= 0 && depth >= 0; offset = NextNode(offset, ref depth))
            if (depth == 1 && NodeNameEquals(offset, name)) return offset;
        return depth < 0 ? FdtError.NotFound : offset;
    }

    /// <summary>fdt_path_offset_namelen: a node by path, or by alias when the path does not start with '/'.</summary>
    public int PathOffset(ReadOnlySpan<byte> path)
    {
        var probe = RoProbe();
        if (probe < 0) return probe;
        var offset = 0;
        var p = 0;
        if (path.Length == 0 || path[0] != (byte)'/')
        {
            var q = path.IndexOf((byte)'/');
            if (q < 0) q = path.Length;
            var alias = GetAlias(path.Slice(0, q));
            if (alias < 0) return FdtError.BadPath;
            offset = PathOffset(CString(alias).ToArray());
            p = q;
        }
        while (p < path.Length)
        {
            while (path[p] == (byte)'/')
            {
                p++;
                if (p == path.Length) return offset;
            }
            var q = path.Slice(p).IndexOf((byte)'/');
            q = q < 0 ? path.Length : p + q;
            offset = SubnodeOffset(offset, path.Slice(p, q - p));
            if (offset < 0) return offset;
            p = q;
        }
        return offset;
    }

    private int GetAlias(ReadOnlySpan<byte> name)
    {
        var aliases = PathOffset("/aliases"u8);
        return aliases < 0 ? -1 : GetProp(aliases, name, out _);
    }

    private int NextProp(int offset)
    {
        uint tag;
        do
        {
            tag = NextTag(offset, out var next);
            if (tag == TagEnd) return next >= 0 ? FdtError.BadStructure : next;
            if (tag == TagProp) return offset;
            offset = next;
        } while (tag == TagNop);
        return FdtError.NotFound;
    }

    /// <summary>fdt_first_property_offset.</summary>
    public int FirstPropertyOffset(int node)
    {
        var offset = CheckNodeOffset(node);
        return offset < 0 ? offset : NextProp(offset);
    }

    /// <summary>fdt_next_property_offset.</summary>
    public int NextPropertyOffset(int offset)
    {
        offset = CheckPropOffset(offset);
        return offset < 0 ? offset : NextProp(offset);
    }

    private int PropertyByOffset(int offset, out int len)
    {
        var err = CheckPropOffset(offset);
        if (err < 0)
        {
            len = err;
            return -1;
        }
        len = (int)Read32(OffStruct + offset + 4);
        return offset;
    }

    /// <summary>fdt_get_property_namelen_: the structure offset of a node's property, or -1 with the error in <paramref name="len"/>.</summary>
    private int FindProperty(int node, ReadOnlySpan<byte> name, out int len)
    {
        len = 0;
        int offset;
        for (offset = FirstPropertyOffset(node); offset >= 0; offset = NextPropertyOffset(offset))
        {
            var prop = PropertyByOffset(offset, out len);
            if (prop < 0)
            {
                offset = FdtError.Internal;
                break;
            }
            var s = GetString((int)Read32(OffStruct + offset + 8), out var slen);
            if (s >= 0 && slen == name.Length && Buffer.AsSpan(s, slen).SequenceEqual(name)) return offset;
        }
        len = offset;
        return -1;
    }

    /// <summary>fdt_get_property (the writable form used by the editing calls).</summary>
    private int GetProperty(int node, ReadOnlySpan<byte> name, out int len)
    {
        if (Version < 0x10)
        {
            len = FdtError.BadVersion;
            return -1;
        }
        return FindProperty(node, name, out len);
    }

    /// <summary>fdt_getprop_namelen: the absolute position of a property's value, or -1 with the error in <paramref name="len"/>.</summary>
    public int GetProp(int node, ReadOnlySpan<byte> name, out int len)
    {
        var prop = FindProperty(node, name, out len);
        if (prop < 0) return -1;
        var data = (int)(OffStruct + prop + PropertyHeaderSize);
        return Version < 0x10 && (prop + PropertyHeaderSize) % 8 != 0 && len >= 8 ? data + 4 : data;
    }

    /// <summary>fdt_getprop_by_offset: value position, name position and length of the property at <paramref name="offset"/>.</summary>
    public int GetPropByOffset(int offset, out int nameAt, out int len)
    {
        nameAt = -1;
        var prop = PropertyByOffset(offset, out len);
        if (prop < 0) return -1;
        nameAt = GetString((int)Read32(OffStruct + offset + 8), out var namelen);
        if (nameAt < 0)
        {
            len = namelen;
            return -1;
        }
        var data = (int)(OffStruct + offset + PropertyHeaderSize);
        return Version < 0x10 && (offset + PropertyHeaderSize) % 8 != 0 && len >= 8 ? data + 4 : data;
    }

    /// <summary>fdt_get_phandle: "phandle", else "linux,phandle", when exactly one cell; else 0.</summary>
    public uint GetPhandle(int node)
    {
        var at = GetProp(node, "phandle"u8, out var len);
        if (at < 0 || len != 4)
        {
            at = GetProp(node, "linux,phandle"u8, out len);
            if (at < 0 || len != 4) return 0;
        }
        return Read32(at);
    }

    /// <summary>fdt_find_max_phandle.</summary>
    public int FindMaxPhandle(out uint max)
    {
        max = 0;
        var offset = -1;
        while (true)
        {
            offset = NextNode(offset);
            if (offset < 0)
            {
                if (offset == FdtError.NotFound) return 0;
                return offset;
            }
            var value = GetPhandle(offset);
            if (value > max) max = value;
        }
    }

    /// <summary>fdt_node_offset_by_phandle.</summary>
    public int NodeOffsetByPhandle(uint phandle)
    {
        if (phandle == 0 || phandle == uint.MaxValue) return FdtError.BadPhandle;
        var probe = RoProbe();
        if (probe < 0) return probe;
        int offset;
        for (offset = NextNode(-1); offset >= 0; offset = NextNode(offset))
            if (GetPhandle(offset) == phandle) return offset;
        return offset;
    }

    /// <summary>fdt_supernode_atdepth_offset.</summary>
    private int SupernodeAtDepth(int node, int superDepth, out int nodeDepth)
    {
        nodeDepth = 0;
        var probe = RoProbe();
        if (probe < 0) return probe;
        if (superDepth < 0) return FdtError.NotFound;
        var super = FdtError.Internal;
        int offset, depth = 0;
        for (offset = 0; offset >= 0 && offset <= node; offset = NextNode(offset, ref depth))
        {
            if (depth == superDepth) super = offset;
            if (offset == node)
            {
                nodeDepth = depth;
                return superDepth > depth ? FdtError.NotFound : super;
            }
        }
        if (offset == FdtError.NotFound || offset >= 0) return FdtError.BadOffset;
        return offset == FdtError.BadOffset ? FdtError.BadStructure : offset;
    }

    /// <summary>fdt_parent_offset.</summary>
    public int ParentOffset(int node)
    {
        var err = SupernodeAtDepth(node, 0, out var depth);
        if (err != 0) return err < 0 ? err : FdtError.Internal;
        return SupernodeAtDepth(node, depth - 1, out _);
    }

    /// <summary>fdt_get_path into <paramref name="buf"/> of <paramref name="buflen"/> bytes at <paramref name="at"/>.</summary>
    public int GetPath(int node, byte[] buf, int at, int buflen)
    {
        var probe = RoProbe();
        if (probe < 0) return probe;
        if (buflen < 2) return FdtError.NoSpace;
        int pdepth = 0, p = 0, offset, depth = 0;
        for (offset = 0; offset >= 0 && offset <= node; offset = NextNode(offset, ref depth))
        {
            while (pdepth > depth)
            {
                do p--;
                while (buf[at + p - 1] != (byte)'/');
                pdepth--;
            }
            if (pdepth >= depth)
            {
                var name = GetName(offset, out var namelen);
                if (name < 0) return namelen;
                if (p + namelen + 1 <= buflen)
                {
                    System.Buffer.BlockCopy(Buffer, name, buf, at + p, namelen);
                    p += namelen;
                    buf[at + p++] = (byte)'/';
                    pdepth++;
                }
            }
            if (offset == node)
            {
                if (pdepth < depth + 1) return FdtError.NoSpace;
                if (p > 1) p--;
                buf[at + p] = 0;
                return 0;
            }
        }
        if (offset == FdtError.NotFound || offset >= 0) return FdtError.BadOffset;
        return offset == FdtError.BadOffset ? FdtError.BadStructure : offset;
    }
}
