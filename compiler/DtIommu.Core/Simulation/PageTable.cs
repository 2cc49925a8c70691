using System;
using System.Runtime.CompilerServices;

namespace DtIommu.Simulation;

/// <summary>
/// A radix page table of 512-entry levels (VT-d second level, LPAE, TCE tables alike) keyed by page frame number,
/// with block (superpage) leaves at the 2 MiB and 1 GiB levels (VT-d PS bit, LPAE block descriptors).
/// Tables live in one pooled array and are never freed while the domain lives, as Linux keeps them until domain
/// teardown, so re-mapping an already walked range allocates nothing.
/// </summary>
public sealed class PageTable
{
    private const int Bits = 9;
    private const int Entries = 1 << Bits;
    private const ulong IndexMask = Entries - 1;

    private ulong[][] _tables;
    private int _tableCount;
    private readonly int _levels;
    private readonly int _indexBits;
    private long _present;

    /// <summary>Creates a table able to hold frame numbers of <paramref name="indexBits"/> bits (address width minus the page shift).</summary>
    public PageTable(int indexBits)
    {
        if (indexBits < 1 || indexBits > 52) throw new ArgumentOutOfRangeException(nameof(indexBits));
        _indexBits = indexBits;
        _levels = (indexBits + Bits - 1) / Bits;
        _tables = new ulong[16][];
        _tables[0] = new ulong[Entries];
        _tableCount = 1;
    }

    /// <summary>Number of levels walked per translation.</summary>
    public int Levels => _levels;

    /// <summary>Number of table pages allocated, root included.</summary>
    public int TableCount => _tableCount;

    /// <summary>Number of present leaf entries.</summary>
    public long PresentCount => _present;

    /// <summary>True when <paramref name="pfn"/> fits the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Covers(ulong pfn) => _indexBits >= 64 || (pfn >> _indexBits) == 0;

    /// <summary>The leaf entry for <paramref name="pfn"/>, 0 when not present; inside a block the 4 KiB slice of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Get(ulong pfn)
    {
        var table = _tables[0];
        for (int level = _levels - 1; level > 0; level--)
        {
            ulong next = table[(int)((pfn >> (level * Bits)) & IndexMask)];
            if (next == 0) return 0;
            if ((next & Pte.BlockBit) != 0) return Slice(next, pfn, level);
            table = _tables[(int)(next >> PointerShift)];
        }
        return table[(int)(pfn & IndexMask)];
    }

    // A block leaf seen as the 4 KiB entry of one of its frames: the block's address plus the frame's offset in it.
    private static ulong Slice(ulong block, ulong pfn, int level)
    {
        ulong offset = (pfn & ((1UL << (level * Bits)) - 1)) << 12;
        return ((block & Pte.AddressMask) + offset) | (block & 3);
    }

    /// <summary>Level of the leaf holding <paramref name="pfn"/>: 0 for a 4 KiB entry (or none), 1 for a 2 MiB block, 2 for 1 GiB.</summary>
    public int LeafLevel(ulong pfn)
    {
        LastLevelTable(pfn, out int blockLevel);
        return blockLevel;
    }

    /// <summary>
    /// Clears the 4 KiB leaf of <paramref name="pfn"/> in one walk and returns 0 with the old entry in
    /// <paramref name="old"/>; when a block holds the frame instead, changes nothing and returns the block's level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ClearSmall(ulong pfn, out ulong old)
    {
        old = 0;
        var table = LastLevelTable(pfn, out int blockLevel);
        if (table == null) return blockLevel;
        int leaf = (int)(pfn & IndexMask);
        old = table[leaf];
        table[leaf] = 0;
        if (Pte.IsPresent(old)) _present--;
        return 0;
    }

    // The 4 KiB-level table holding pfn, or null when the walk ends early: at an empty entry (blockLevel 0) or at a
    // block leaf (blockLevel its level).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong[]? LastLevelTable(ulong pfn, out int blockLevel)
    {
        blockLevel = 0;
        var table = _tables[0];
        for (int level = _levels - 1; level > 0; level--)
        {
            ulong next = table[(int)((pfn >> (level * Bits)) & IndexMask)];
            if (next == 0) return null;
            if ((next & Pte.BlockBit) != 0) { blockLevel = level; return null; }
            table = _tables[(int)(next >> PointerShift)];
        }
        return table;
    }

    /// <summary>Frames covered by one leaf of <paramref name="level"/> (1, 512, 262144).</summary>
    public static ulong FramesAt(int level) => 1UL << (level * Bits);

    /// <summary>Writes the 4 KiB leaf entry for <paramref name="pfn"/> and returns the previous one; a block on the way is split first; clearing never allocates tables that were not there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Set(ulong pfn, ulong entry)
    {
        var table = _tables[0];
        for (int level = _levels - 1; level > 0; level--)
        {
            int index = (int)((pfn >> (level * Bits)) & IndexMask);
            ulong next = table[index];
            if (next == 0)
            {
                if (entry == 0) return 0;
                next = NewTable();
                table[index] = next;
            }
            else if ((next & Pte.BlockBit) != 0) next = SplitBlock(table, index, next, level);
            table = _tables[(int)(next >> PointerShift)];
        }
        int leaf = (int)(pfn & IndexMask);
        ulong old = table[leaf];
        table[leaf] = entry;
        if (Pte.IsPresent(old) != Pte.IsPresent(entry)) _present += Pte.IsPresent(entry) ? 1 : -1;
        return old;
    }

    /// <summary>
    /// Installs a block leaf of <paramref name="level"/> at the aligned <paramref name="pfn"/>; whatever table was
    /// below that slot is dropped. Returns the 4 KiB frames that were present there before (0: the slot was empty).
    /// </summary>
    public ulong SetBlock(ulong pfn, int level, ulong entry)
    {
        if (level <= 0 || level >= _levels) throw new ArgumentOutOfRangeException(nameof(level));
        var (table, index) = Slot(pfn, level, allocate: true);
        ulong dropped = Count(table![index], level);
        table[index] = (entry & ~Pte.BlockBit) | Pte.BlockBit;
        _present += (long)FramesAt(level) - (long)dropped;
        return dropped;
    }

    /// <summary>Clears the block leaf holding <paramref name="pfn"/> at <paramref name="level"/>; returns the old block entry (0 when none).</summary>
    public ulong ClearBlock(ulong pfn, int level)
    {
        var (table, index) = Slot(pfn, level, allocate: false);
        if (table == null) return 0;
        ulong old = table[index];
        if ((old & Pte.BlockBit) == 0) return 0;
        table[index] = 0;
        _present -= (long)FramesAt(level);
        return old;
    }

    /// <summary>Replaces the block holding <paramref name="pfn"/> at <paramref name="level"/> by a table of leaves one level down with the same translations (arm_lpae_split_blk_unmap).</summary>
    public void Split(ulong pfn, int level)
    {
        var (table, index) = Slot(pfn, level, allocate: false);
        if (table != null && (table[index] & Pte.BlockBit) != 0) SplitBlock(table, index, table[index], level);
    }

    private (ulong[]? Table, int Index) Slot(ulong pfn, int level, bool allocate)
    {
        var table = _tables[0];
        for (int l = _levels - 1; l > level; l--)
        {
            int i = (int)((pfn >> (l * Bits)) & IndexMask);
            ulong next = table[i];
            if (next == 0)
            {
                if (!allocate) return (null, 0);
                next = NewTable();
                table[i] = next;
            }
            else if ((next & Pte.BlockBit) != 0)
            {
                if (!allocate) return (null, 0);
                next = SplitBlock(table, i, next, l);
            }
            table = _tables[(int)(next >> PointerShift)];
        }
        return (table, (int)((pfn >> (level * Bits)) & IndexMask));
    }

    private ulong SplitBlock(ulong[] parent, int index, ulong block, int level)
    {
        ulong pointer = NewTable();
        var child = _tables[(int)(pointer >> PointerShift)];
        ulong step = FramesAt(level - 1) << 12;
        ulong address = block & Pte.AddressMask & ~Pte.BlockBit, perm = block & 3;
        for (int i = 0; i < Entries; i++)
            child[i] = (address + (ulong)i * step) | perm | (level - 1 > 0 ? Pte.BlockBit : 0);
        parent[index] = pointer;
        return pointer;
    }

    // Present 4 KiB frames under one entry of a level.
    private ulong Count(ulong entry, int level)
    {
        if (entry == 0) return 0;
        if (level == 0) return Pte.IsPresent(entry) ? 1UL : 0;
        if ((entry & Pte.BlockBit) != 0) return FramesAt(level);
        ulong n = 0;
        foreach (var e in _tables[(int)(entry >> PointerShift)]) n += Count(e, level - 1);
        return n;
    }

    // Table references are kept as index << 8 so that they never carry the block bit (bit 7) or permission bits.
    private const int PointerShift = 8;

    private ulong NewTable()
    {
        if (_tableCount == _tables.Length) Array.Resize(ref _tables, _tables.Length * 2);
        _tables[_tableCount] = new ulong[Entries];
        return (ulong)_tableCount++ << PointerShift;
    }
}
