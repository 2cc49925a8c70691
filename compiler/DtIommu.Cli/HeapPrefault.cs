using System.Runtime;
using System.Runtime.InteropServices;
using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Cli;

/// <summary>
/// Readies the heap for one compile in a process that does nothing else. A compile allocates about 24 bytes for
/// each byte of source (tokens, parse tree, the tree itself) and the collector never runs in so short a life, so
/// every page it touches is new: the kernel faults each in on first use, which took a third of a board's time. Asked
/// for room up front, the runtime commits it at once, and the kernel maps what the compile will use a region at a
/// time, one call each, at well under half the cost of the faults.
/// </summary>
internal static class HeapPrefault
{
    // Measured over every 25th corpus board (3 KB to 150 KB), as a least-squares fit: 24 bytes allocated per source
    // byte (21 to 29 for the 10th to 90th percentile), plus 384 KB of the parser's and the checks' tables on first
    // use. Mapping a page never used costs about half what a fault costs, hence the slope rounded up.
    private const long BytesPerSourceByte = 24;
    private const long FirstUse = 384 << 10;

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
        _window = _left > LargeEstimate ? Window : _left;
        MapAhead();
        // The collector moves on to other regions as the parse fills this one: keep mapping where it allocates.
        if (_left > 0) ParseProgress.Handler = MapAhead;
    }

    // Bytes of the estimate not mapped yet, and the range mapped last (the allocation point moves through it, then
    // to the next region).
    private static long _left;
    private static nint _mappedFrom, _mappedTo;

    // How far ahead of the allocation point to map. A board's allocation per source byte varies by a fifth either
    // way around the estimate, so mapping all of a large board's estimate at once maps a megabyte or more that is
    // never used (peak memory on the largest boards): past LargeEstimate, a window renewed every
    // ParseProgress.Interval tokens (about 400 KB of allocation) keeps the unused part under it. A smaller estimate
    // is mapped in one call, which measured faster on a median board.
    private const long Window = 1 << 20;
    private const long LargeEstimate = 2 << 20;
    private static long _window;

    // Maps from the allocation point (or the end of what is mapped there) to a window ahead of it, within the
    // collector's region and what is left of the estimate.
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
        var from = at >= _mappedFrom && at < _mappedTo ? _mappedTo : at;
        // Not past the collector's region (4 MB, aligned): what lies beyond it is not where it allocates next.
        var regionEnd = (at + (nint)RegionSize) & ~(nint)(RegionSize - 1);
        var to = Math.Min(at + (nint)_window, regionEnd);
        var size = (nint)Math.Min(_left, to - from) & ~(nint)4095;
        if (size <= 0) return;
        // Linux 5.14 and later; an older kernel refuses the advice, and the pages fault in as before.
        if (madvise(from, (nuint)size, MadvisePopulateWrite) != 0)
        {
            _left = 0;
            return;
        }
        if (from == at) _mappedFrom = at;
        _mappedTo = from + size;
        _left -= size;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
