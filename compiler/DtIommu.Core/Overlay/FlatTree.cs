using System;
using DtIommu.Model;

namespace DtIommu.Overlay;

/// <summary>
/// A flattened device tree kept the way libfdt keeps one: a single byte buffer whose header, reservation map,
/// structure block and strings block are edited in place. Offsets are libfdt's (relative to the structure block)
/// and failures are libfdt's negative error numbers, because fdtoverlay's output bytes (including the stale padding
/// that in-place splicing leaves behind) follow from exactly these steps.
/// </summary>
internal sealed partial class FlatTree
{
    /// <summary>Magic of a complete blob.</summary>
    public const uint FdtMagic = 0xd00dfeed;
    private const uint SequentialWriteMagic = 0x2ff20112;
    /// <summary>Structure-block tags.</summary>
    public const uint TagBeginNode = 1, TagEndNode = 2, TagProp = 3, TagNop = 4, TagEnd = 9;
    private const int HeaderSize = 40;
    private const int ReserveEntrySize = 16;
    private const int PropertyHeaderSize = 12;

    /// <summary>The whole buffer; the header's total size may be smaller than it.</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Wraps <paramref name="buffer"/> without copying it.</summary>
    public FlatTree(byte[] buffer) => Buffer = buffer;

    public uint Magic { get => Read32(0); set => Write32(0, value); }
    public uint TotalSize { get => Read32(4); set => Write32(4, value); }
    public uint OffStruct { get => Read32(8); set => Write32(8, value); }
    public uint OffStrings { get => Read32(12); set => Write32(12, value); }
    public uint OffMemRsv { get => Read32(16); set => Write32(16, value); }
    public uint Version { get => Read32(20); set => Write32(20, value); }
    public uint LastCompVersion { get => Read32(24); set => Write32(24, value); }
    public uint BootCpu { get => Read32(28); set => Write32(28, value); }
    public uint SizeStrings { get => Read32(32); set => Write32(32, value); }
    public uint SizeStruct { get => Read32(36); set => Write32(36, value); }

    /// <summary>The big-endian word at absolute <paramref name="at"/>; zero past the buffer, where C would read garbage.</summary>
    public uint Read32(long at)
    {
        if (at < 0 || at + 4 > Buffer.Length) return 0;
        var i = (int)at;
        return (uint)(Buffer[i] << 24 | Buffer[i + 1] << 16 | Buffer[i + 2] << 8 | Buffer[i + 3]);
    }

    /// <summary>Stores a big-endian word at absolute <paramref name="at"/>.</summary>
    public void Write32(long at, uint value)
    {
        if (at < 0 || at + 4 > Buffer.Length) return;
        var i = (int)at;
        Buffer[i] = (byte)(value >> 24);
        Buffer[i + 1] = (byte)(value >> 16);
        Buffer[i + 2] = (byte)(value >> 8);
        Buffer[i + 3] = (byte)value;
    }

    private ulong Read64(long at) => (ulong)Read32(at) << 32 | Read32(at + 4);

    /// <summary>libfdt's FDT_TAGALIGN.</summary>
    public static int TagAlign(int x) => (x + 3) & ~3;

    /// <summary>The NUL-terminated string at absolute <paramref name="at"/>, without its NUL.</summary>
    public ReadOnlySpan<byte> CString(int at)
    {
        var end = at;
        while (end < Buffer.Length && Buffer[end] != 0) end++;
        return Buffer.AsSpan(at, end - at);
    }

    /// <summary>fdt_ro_probe_: the total size, or an error for a blob libfdt will not read.</summary>
    public int RoProbe()
    {
        var total = TotalSize;
        if (Magic == FdtMagic)
        {
            if (Version < 2 || LastCompVersion > 0x11) return FdtError.BadVersion;
        }
        else if (Magic == SequentialWriteMagic)
        {
            if (SizeStruct == 0) return -7;
        }
        else return FdtError.BadMagic;
        return total < int.MaxValue ? (int)total : FdtError.Truncated;
    }

    /// <summary>fdt_num_mem_rsv: entries before the terminating zero-size entry.</summary>
    public int NumMemRsv()
    {
        for (var i = 0; ; i++)
        {
            var abs = (long)OffMemRsv + (long)i * ReserveEntrySize;
            if (abs > (long)TotalSize - ReserveEntrySize || abs > uint.MaxValue) return FdtError.Truncated;
            if (Read64(abs + 8) == 0) return i;
        }
    }
}
