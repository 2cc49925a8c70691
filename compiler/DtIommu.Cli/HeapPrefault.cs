using System.Runtime.InteropServices;
using DtIommu.Syntax;

namespace DtIommu.Cli;

/// <summary>
/// Readies the heap for one compile in a process that does nothing else. A compile allocates about 20 bytes for
/// each byte of source (tokens, parse tree, the tree itself) and the collector never runs in so short a life, so
/// every page it touches is new: the kernel faults each in on first use, which took a third of a board's time. Asked
/// for room up front, the runtime commits it at once, and the kernel maps what the compile will use ahead of it, a
/// 2 MB huge page first where the compile is expected to use most of it, small pages after, in one call each.
/// </summary>
internal static class HeapPrefault
{
    // Measured over every 25th corpus board (500 bytes to 150 KB) from the start of the parse to the end of the
    // compile, as a least-squares fit: 18.9 bytes allocated per source byte (18.6 to 26 for the 10th to 90th
    // percentile of the whole compile's), plus 103 KB of the checks' tables and the like on first use. Mapping a page
    // never used costs about half what a fault costs, hence the slope rounded up.
    private const long BytesPerSourceByte = 20;
    private const long FirstUse = 96 << 10;

    // The room asked of the collector: well over what the compile should need, since running out of it ends in a
    // full collection, which costs more than everything this saves on a small board.
    private const long RoomPerSourceByte = 64;
    private const long SpareRoom = 2 << 20;
    private const long LargestRoom = 192L << 20;

    /// <summary>Makes the first DTS parse of this process prepare the heap for its source (Linux only).</summary>
    public static void Install()
    {
        if (OperatingSystem.IsLinux()) ParseProgress.Starting = Prepare;
    }

    /// <summary>Prepares for compiling a DTS source of <paramref name="length"/> bytes; once a process.</summary>
    internal static void Prepare(int length)
    {
        ParseProgress.Starting = null;
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

    // How far ahead of the allocation point to map small pages. A board's allocation per source byte varies by a
    // fifth either way around the estimate, so mapping all of a large board's estimate at once maps a megabyte or
    // more that is never used (peak memory on the largest boards): past LargeEstimate, a window renewed every
    // ParseProgress.Interval tokens (about 400 KB of allocation) keeps the unused part under it. A smaller estimate
    // is mapped in one call, which measured faster on a median board.
    private const long Window = 1 << 20;
    private const long LargeEstimate = 2 << 20;
    private static long _window;

    // The collector's regions are 4 MB and aligned, so each holds two huge pages.
    private const long RegionSize = 4 << 20;
    private const long HugePage = 2 << 20;

    // Mapping a huge page costs what about 200 KB of small pages do fresh, and about 400 KB when the pages already
    // in use in it are copied into it, as they are in the first: it pays where the compile uses more than HugeWorth
    // of it. Only the first mapping may be one: the collector leaves the end of a region unused (half a megabyte of
    // am572x-idk's first), so a later huge page maps memory no compile touches, which is peak memory on the largest
    // boards.
    private const long HugeWorth = 512 << 10;

    // Maps from the allocation point (or the end of what is mapped there) to a window ahead of it, within the
    // collector's region and what is left of the estimate.
    private static void MapAhead()
    {
        if (_left <= 0) return;
        var at = AllocationPoint();
        var from = at >= _mappedFrom && at < _mappedTo ? _mappedTo : at;
        if (from == at) _mappedFrom = at;
        // Not past the collector's region: what lies beyond it is not where it allocates next.
        var regionEnd = (at + (nint)RegionSize) & ~(nint)(RegionSize - 1);
        var to = Math.Min(at + (nint)_window, regionEnd);
        while (from < to && _left > 0)
        {
            var block = from & ~(nint)(HugePage - 1);
            var blockEnd = block + (nint)HugePage;
            var rest = blockEnd - from;
            var end = _mappedTo == 0 && Math.Min(_left, rest) >= HugeWorth && MapHuge(block, used: at > block) ? blockEnd
                : MapSmall(from, (nint)Math.Min(Math.Min(_left, to - from), rest));
            if (end <= from)
            {
                _left = 0;
                return;
            }
            _left -= Math.Min(_left, end - from);
            _mappedTo = from = end;
        }
    }

    // A huge page over the block: a fresh one, or (when the collector has used part of the block) one the pages in
    // use are copied into (Linux 6.1 and later). False where the kernel declines (no transparent huge pages, part of
    // the block not committed, no huge page free); small pages are mapped instead.
    private static bool MapHuge(nint block, bool used)
    {
        if (madvise(block, (nuint)HugePage, MadviseHugePage) != 0) return false;
        return madvise(block, (nuint)HugePage, used ? MadviseCollapse : MadvisePopulateWrite) == 0;
    }

    // Small pages from `from`; where it mapped to, or `from` when the kernel refused (before Linux 5.14: the pages
    // then fault in as they would have).
    private static nint MapSmall(nint from, nint size)
    {
        size &= ~(nint)4095;
        return size > 0 && madvise(from, (nuint)size, MadvisePopulateWrite) == 0 ? from + size : from;
    }

    // The page where the collector hands out memory next: that of a small object allocated now.
    private static nint AllocationPoint()
    {
        var probe = new byte[16];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        try
        {
            return (handle.AddrOfPinnedObject() + 4095) & ~(nint)4095;
        }
        finally
        {
            handle.Free();
        }
    }

    private const int MadviseHugePage = 14;
    private const int MadvisePopulateWrite = 23;
    private const int MadviseCollapse = 25;

    [DllImport("libc", SetLastError = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
