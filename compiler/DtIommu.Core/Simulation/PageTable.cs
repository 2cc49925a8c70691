using System;
using System.Runtime.CompilerServices;

namespace DtIommu.Simulation;

/// <summary>
/// A radix page table of 512-entry levels (VT-d second level, LPAE, TCE tables alike) keyed by page frame number.
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

    /// <summary>The leaf entry for <paramref name="pfn"/>, 0 when not present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Get(ulong pfn)
    {
        var table = _tables[0];
        for (int level = _levels - 1; level > 0; level--)
        {
            ulong next = table[(int)((pfn >> (level * Bits)) & IndexMask)];
            if (next == 0) return 0;
            table = _tables[(int)next];
        }
        return table[(int)(pfn & IndexMask)];
    }

    /// <summary>Writes the leaf entry for <paramref name="pfn"/> and returns the previous one; clearing never allocates.</summary>
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
                next = (ulong)NewTable();
                table[index] = next;
            }
            table = _tables[(int)next];
        }
        int leaf = (int)(pfn & IndexMask);
        ulong old = table[leaf];
        table[leaf] = entry;
        if (Pte.IsPresent(old) != Pte.IsPresent(entry)) _present += Pte.IsPresent(entry) ? 1 : -1;
        return old;
    }

    private int NewTable()
    {
        if (_tableCount == _tables.Length) Array.Resize(ref _tables, _tables.Length * 2);
        _tables[_tableCount] = new ulong[Entries];
        return _tableCount++;
    }
}
