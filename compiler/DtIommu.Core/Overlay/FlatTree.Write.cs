using System;
using DtIommu.Model;

namespace DtIommu.Overlay;

/// <summary>libfdt's in-place editing (fdt_rw.c, fdt_wip.c): splicing bytes into the blob as it grows.</summary>
internal sealed partial class FlatTree
{
    private bool BlocksMisordered(long memRsvSize, long structSize) =>
        OffMemRsv < HeaderSize || OffStruct < OffMemRsv + memRsvSize || OffStrings < OffStruct + structSize ||
        TotalSize < (long)OffStrings + SizeStrings;

    /// <summary>fdt_rw_probe_: whether the blob may be edited.</summary>
    private int RwProbe()
    {
        var probe = RoProbe();
        if (probe < 0) return probe;
        if (Version < 17) return FdtError.BadVersion;
        if (BlocksMisordered(ReserveEntrySize, SizeStruct)) return FdtError.BadLayout;
        if (Version > 17) Version = 17;
        return 0;
    }

    private long DataSize => (long)OffStrings + SizeStrings;

    /// <summary>fdt_splice_: replaces <paramref name="oldLen"/> bytes at absolute <paramref name="at"/> by room for <paramref name="newLen"/>, moving the rest of the data (the room keeps whatever bytes were there).</summary>
    private int Splice(long at, int oldLen, int newLen)
    {
        var dsize = DataSize;
        if (oldLen < 0 || at + oldLen > dsize) return FdtError.BadOffset;
        if (at < 0 || dsize + newLen < oldLen) return FdtError.BadOffset;
        if (dsize - oldLen + newLen > TotalSize || dsize - oldLen + newLen > Buffer.Length) return FdtError.NoSpace;
        Array.Copy(Buffer, at + oldLen, Buffer, at + newLen, dsize - (at + oldLen));
        return 0;
    }

    private int SpliceStruct(long at, int oldLen, int newLen)
    {
        var err = Splice(at, oldLen, newLen);
        if (err != 0) return err;
        SizeStruct = (uint)(SizeStruct + newLen - oldLen);
        OffStrings = (uint)(OffStrings + newLen - oldLen);
        return 0;
    }

    /// <summary>fdt_find_string_: the first place the string occurs in the table, also as the tail of a longer one.</summary>
    private int FindString(long table, long size, ReadOnlySpan<byte> s)
    {
        var len = s.Length + 1;
        var limit = Math.Min(table + size, Buffer.Length) - len;
        for (var p = table; p <= limit; p++)
            if (Buffer[p + s.Length] == 0 && Buffer.AsSpan((int)p, s.Length).SequenceEqual(s)) return (int)(p - table);
        return -1;
    }

    /// <summary>fdt_find_add_string_: the offset of <paramref name="s"/> in the strings block, appending it when absent.</summary>
    private int FindAddString(ReadOnlySpan<byte> s, out bool allocated)
    {
        allocated = false;
        var found = FindString(OffStrings, SizeStrings, s);
        if (found >= 0) return found;
        var at = DataSize;
        var err = Splice(at, 0, s.Length + 1);
        if (err != 0) return err;
        SizeStrings += (uint)(s.Length + 1);
        allocated = true;
        s.CopyTo(Buffer.AsSpan((int)at));
        Buffer[at + s.Length] = 0;
        return (int)(at - OffStrings);
    }

    private int ResizeProperty(int node, ReadOnlySpan<byte> name, int len, out int prop)
    {
        prop = GetProperty(node, name, out var oldLen);
        if (prop < 0) return oldLen;
        var err = SpliceStruct(OffStruct + prop + PropertyHeaderSize, TagAlign(oldLen), TagAlign(len));
        if (err != 0) return err;
        Write32(OffStruct + prop + 4, (uint)len);
        return 0;
    }

    /// <summary>fdt_add_property_: a new property goes first in its node, before the existing ones.</summary>
    private int AddProperty(int node, ReadOnlySpan<byte> name, int len, out int prop)
    {
        prop = -1;
        var next = CheckNodeOffset(node);
        if (next < 0) return next;
        var nameOffset = FindAddString(name, out var allocated);
        if (nameOffset < 0) return nameOffset;
        prop = next;
        var err = SpliceStruct(OffStruct + prop, 0, PropertyHeaderSize + TagAlign(len));
        if (err != 0)
        {
            if (allocated) SizeStrings -= (uint)(name.Length + 1);
            return err;
        }
        Write32(OffStruct + prop, TagProp);
        Write32(OffStruct + prop + 4, (uint)len);
        Write32(OffStruct + prop + 8, (uint)nameOffset);
        return 0;
    }

    /// <summary>fdt_setprop_placeholder: makes a property <paramref name="len"/> bytes long and gives the absolute position of its value.</summary>
    public int SetPropPlaceholder(int node, ReadOnlySpan<byte> name, int len, out int data)
    {
        data = -1;
        var err = RwProbe();
        if (err != 0) return err;
        err = ResizeProperty(node, name, len, out var prop);
        if (err == FdtError.NotFound) err = AddProperty(node, name, len, out prop);
        if (err != 0) return err;
        data = (int)(OffStruct + prop + PropertyHeaderSize);
        return 0;
    }

    /// <summary>fdt_setprop.</summary>
    public int SetProp(int node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var err = SetPropPlaceholder(node, name, value.Length, out var data);
        if (err != 0) return err;
        value.CopyTo(Buffer.AsSpan(data));
        return 0;
    }

    /// <summary>fdt_add_subnode_namelen: a new node goes after its parent's properties, before the existing children.</summary>
    public int AddSubnode(int parent, ReadOnlySpan<byte> name)
    {
        var err = RwProbe();
        if (err != 0) return err;
        var offset = SubnodeOffset(parent, name);
        if (offset >= 0) return FdtError.Exists;
        if (offset != FdtError.NotFound) return offset;
        var tag = NextTag(parent, out var next);
        if (tag != TagBeginNode) return FdtError.Internal;
        do
        {
            offset = next;
            tag = NextTag(offset, out next);
        } while (tag == TagProp || tag == TagNop);
        var nameRoom = TagAlign(name.Length + 1);
        var nodeLen = 4 + nameRoom + 4;
        var at = OffStruct + offset;
        err = SpliceStruct(at, 0, nodeLen);
        if (err != 0) return err;
        Write32(at, TagBeginNode);
        Buffer.AsSpan((int)at + 4, nameRoom).Clear();
        name.CopyTo(Buffer.AsSpan((int)at + 4));
        Write32(at + nodeLen - 4, TagEndNode);
        return offset;
    }

    /// <summary>fdt_setprop_inplace_namelen_partial: overwrites part of a value without changing its length.</summary>
    public int SetPropInPlacePartial(int node, ReadOnlySpan<byte> name, uint index, ReadOnlySpan<byte> value)
    {
        var data = GetProp(node, name, out var len);
        if (data < 0) return len;
        if ((uint)len < unchecked((uint)value.Length + index)) return FdtError.NoSpace;
        value.CopyTo(Buffer.AsSpan(data + (int)index));
        return 0;
    }

    /// <summary>fdt_setprop_inplace_u32.</summary>
    public int SetPropInPlaceU32(int node, ReadOnlySpan<byte> name, uint value)
    {
        var data = GetProp(node, name, out var len);
        if (data < 0) return len;
        if (len != 4) return FdtError.NoSpace;
        Write32(data, value);
        return 0;
    }

    /// <summary>fdt_open_into: a copy of <paramref name="source"/> in a buffer of <paramref name="bufferSize"/> bytes, ready for editing.</summary>
    public static int OpenInto(FlatTree source, FlatTree target, int bufferSize)
    {
        var probe = source.RoProbe();
        if (probe < 0) return probe;
        var count = source.NumMemRsv();
        var memRsvSize = (count + 1) * ReserveEntrySize;
        long structSize;
        if (source.Version >= 17) structSize = source.SizeStruct;
        else if (source.Version == 16)
        {
            var end = 0;
            while (source.NextTag(end, out end) != TagEnd) { }
            if (end < 0) return end;
            structSize = end;
        }
        else return FdtError.BadVersion;
        target.EnsureLength(bufferSize);
        if (!source.BlocksMisordered(memRsvSize, structSize))
        {
            if (bufferSize < 0 || source.TotalSize > (uint)bufferSize) return FdtError.NoSpace;
            Array.Copy(source.Buffer, target.Buffer, Math.Min(source.TotalSize, source.Buffer.Length));
            target.Version = 17;
            target.SizeStruct = (uint)structSize;
            target.TotalSize = (uint)bufferSize;
            return 0;
        }
        var newSize = HeaderSize + memRsvSize + structSize + source.SizeStrings;
        if (bufferSize < newSize) return FdtError.NoSpace;
        PackBlocks(source, target, memRsvSize, (int)structSize, (int)source.SizeStrings);
        target.Magic = FdtMagic;
        target.TotalSize = (uint)bufferSize;
        target.Version = 17;
        target.LastCompVersion = 16;
        target.BootCpu = source.BootCpu;
        return 0;
    }

    /// <summary>fdt_pack: drops the free space, leaving header, reservation map, structure and strings back to back.</summary>
    public int Pack()
    {
        var err = RwProbe();
        if (err != 0) return err;
        var memRsvSize = (NumMemRsv() + 1) * ReserveEntrySize;
        PackBlocks(this, this, memRsvSize, (int)SizeStruct, (int)SizeStrings);
        TotalSize = (uint)DataSize;
        return 0;
    }

    private static void PackBlocks(FlatTree from, FlatTree to, int memRsvSize, int structSize, int stringsSize)
    {
        var memRsvAt = HeaderSize;
        var structAt = memRsvAt + memRsvSize;
        var stringsAt = structAt + structSize;
        var stringsSizeBefore = from.SizeStrings;
        Move(from, from.OffMemRsv, to, memRsvAt, memRsvSize);
        to.OffMemRsv = (uint)memRsvAt;
        Move(from, from.OffStruct, to, structAt, structSize);
        to.OffStruct = (uint)structAt;
        to.SizeStruct = (uint)structSize;
        Move(from, from.OffStrings, to, stringsAt, stringsSize);
        to.OffStrings = (uint)stringsAt;
        to.SizeStrings = stringsSizeBefore;
    }

    private static void Move(FlatTree from, long fromAt, FlatTree to, long toAt, int len)
    {
        var n = (int)Math.Max(0, Math.Min(len, from.Buffer.Length - fromAt));
        if (toAt + n > to.Buffer.Length) to.EnsureLength((int)(toAt + n));
        Array.Copy(from.Buffer, fromAt, to.Buffer, toAt, n);
    }

    /// <summary>Grows the buffer to <paramref name="length"/> bytes, keeping its contents (as realloc does) and zeroing the rest.</summary>
    public void EnsureLength(int length)
    {
        if (Buffer.Length >= length) return;
        var grown = Buffer;
        Array.Resize(ref grown, length);
        Buffer = grown;
    }

    /// <summary>The first <paramref name="length"/> bytes of the buffer.</summary>
    public byte[] ToArray(int length)
    {
        var result = new byte[length];
        Array.Copy(Buffer, result, Math.Min(length, Buffer.Length));
        return result;
    }
}
