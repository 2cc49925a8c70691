using System.Runtime;
using System.Runtime.InteropServices;
using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Cli;

/// <summary>
/// Readies the heap for one compile in a process that does nothing else. A compile allocates about 25 bytes for
/// each byte of source (tokens, parse tree, the tree itself) and the collector never runs in so short a life, so
/// every page it touches is new: the kernel faults each in on first use, which took a third of a board's time. Asked
/// for room up front, the runtime commits it at once, and the kernel maps what the compile will use a region at a
/// time, one call each, at well under half the cost of the faults.
/// </summary>
internal static class HeapPrefault
{
    // Measured over every 25th corpus board (3 KB to 150 KB): 21 to 28 bytes allocated per source byte (10th to 90th
    // percentile), 24 by a least-squares fit, plus the parser's and the checks' tables on first use. Mapping a page
    // never used costs more than the fault it saves.
    private const long BytesPerSourceByte = 25;
    private const long FirstUse = 256 << 10;

    // The room asked of the collector: well over what the compile should need, since running out of it ends in a
    // full collection, which costs more than everything this saves on a small board.
    private const long RoomPerSourceByte = 64;
    private const long SpareRoom = 2 << 20;
    private const long LargestRoom = 192L << 20;

    private const int MadvisePopulateWrite = 23;
    private const long RegionSize = 4 << 20;

    /// <summary>Prepares for compiling <paramref name="input"/>, a DTS source; does nothing where it cannot help.</summary>
    public static void ForSource(string input, IFileSource files)
    {
        if (files is not DiskFileSource || input == "-" || !OperatingSystem.IsLinux() || InputFormatGuesser.Guess(input, files) != "dts") return;
        long length;
        try
        {
            length = new FileInfo(Latin1.ToText(input)).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return;
        }
        if (length <= 0) return;
        var room = Math.Min(length * RoomPerSourceByte + SpareRoom, LargestRoom);
        try
        {
            if (!GC.TryStartNoGCRegion(room, disallowFullBlockingGC: true)) return;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return;
        }
        _left = Math.Min(length * BytesPerSourceByte + FirstUse, room);
        MapAhead();
        // The collector moves on to other regions as the parse fills this one: keep mapping where it allocates.
        if (_left > 0) ParseProgress.Handler = MapAhead;
    }

    // Bytes of the estimate not mapped yet, and the end of what was (the allocation point is behind it until the
    // collector moves to another region).
    private static long _left;
    private static nint _mappedFrom, _mappedTo;

    // Maps from the allocation point to the end of its region, or as much of the estimate as is left.
    private static void MapAhead()
    {
        if (_left <= 0) return;
        var probe = new byte[16];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        nint at;
        try
        {
            at = (handle.AddrOfPinnedObject() + 4095) & ~(nint)4095;
        }
        finally
        {
            handle.Free();
        }
        if (at >= _mappedFrom && at < _mappedTo) return;
        // Not past the collector's region (4 MB, aligned): what lies beyond it is not where it allocates next.
        var regionEnd = (at + (nint)RegionSize) & ~(nint)(RegionSize - 1);
        var size = (nint)Math.Min(_left, regionEnd - at) & ~(nint)4095;
        if (size <= 0) return;
        // Linux 5.14 and later; an older kernel refuses the advice, and the pages fault in as before.
        if (madvise(at, (nuint)size, MadvisePopulateWrite) != 0)
        {
            _left = 0;
            return;
        }
        (_mappedFrom, _mappedTo) = (at, at + size);
        _left -= size;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
