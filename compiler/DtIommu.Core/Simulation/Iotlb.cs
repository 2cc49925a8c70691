using System;
using System.Runtime.CompilerServices;

namespace DtIommu.Simulation;

/// <summary>
/// A set-associative translation cache tagged by domain and page frame, as IOTLBs and SMMU TLBs are: fixed size,
/// no allocation after construction, round-robin replacement within a set. Entries hold the leaf entry as read
/// from the table, so a zero entry is a cached "not present" result (VT-d caching mode).
/// </summary>
public sealed class Iotlb
{
    private readonly uint[] _domains;
    private readonly ulong[] _pfns;
    private readonly ulong[] _entries;
    private readonly bool[] _valid;
    private readonly byte[] _victim;
    private readonly int _ways;
    private readonly int _setMask;
    private int _count;

    /// <summary>Creates a cache of <paramref name="sets"/> (a power of two) sets of <paramref name="ways"/> entries.</summary>
    public Iotlb(int sets = 1024, int ways = 4)
    {
        if (sets <= 0 || (sets & (sets - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(sets), "must be a power of two");
        if (ways <= 0 || ways > 255) throw new ArgumentOutOfRangeException(nameof(ways));
        _ways = ways;
        _setMask = sets - 1;
        int n = sets * ways;
        _domains = new uint[n];
        _pfns = new ulong[n];
        _entries = new ulong[n];
        _valid = new bool[n];
        _victim = new byte[sets];
    }

    /// <summary>Capacity in entries.</summary>
    public int Capacity => _valid.Length;

    /// <summary>Valid entries.</summary>
    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SetOf(uint domain, ulong pfn) => (int)((pfn ^ (pfn >> 17) ^ (domain * 0x9E3779B1u)) & (uint)_setMask);

    /// <summary>Looks up a cached entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(uint domain, ulong pfn, out ulong entry)
    {
        int i = SetOf(domain, pfn) * _ways;
        for (int end = i + _ways; i < end; i++)
        {
            if (_valid[i] && _pfns[i] == pfn && _domains[i] == domain)
            {
                entry = _entries[i];
                return true;
            }
        }
        entry = 0;
        return false;
    }

    /// <summary>Caches an entry, replacing the set's victim when the set is full.</summary>
    public void Insert(uint domain, ulong pfn, ulong entry)
    {
        int set = SetOf(domain, pfn);
        int start = set * _ways, free = -1;
        for (int i = start; i < start + _ways; i++)
        {
            if (_valid[i] && _pfns[i] == pfn && _domains[i] == domain) { _entries[i] = entry; return; }
            if (!_valid[i] && free < 0) free = i;
        }
        if (free < 0)
        {
            free = start + _victim[set];
            _victim[set] = (byte)((_victim[set] + 1) % _ways);
        }
        else _count++;
        _valid[free] = true;
        _domains[free] = domain;
        _pfns[free] = pfn;
        _entries[free] = entry;
    }

    /// <summary>Drops every entry; returns how many were valid.</summary>
    public int InvalidateAll()
    {
        int dropped = _count;
        Array.Clear(_valid, 0, _valid.Length);
        _count = 0;
        return dropped;
    }

    /// <summary>Drops the entries of one domain.</summary>
    public int InvalidateDomain(uint domain)
    {
        if (_count == 0) return 0;
        int dropped = 0;
        for (int i = 0; i < _valid.Length; i++)
            if (_valid[i] && _domains[i] == domain) { _valid[i] = false; dropped++; }
        _count -= dropped;
        return dropped;
    }

    /// <summary>Drops the entries of <paramref name="pages"/> frames from <paramref name="firstPfn"/> in one domain.</summary>
    public int InvalidatePages(uint domain, ulong firstPfn, ulong pages)
    {
        if (_count == 0 || pages == 0) return 0;
        int dropped = 0;
        if (pages > (ulong)_valid.Length)
        {
            ulong last = firstPfn + pages - 1;
            for (int i = 0; i < _valid.Length; i++)
                if (_valid[i] && _domains[i] == domain && _pfns[i] >= firstPfn && _pfns[i] <= last) { _valid[i] = false; dropped++; }
        }
        else
        {
            for (ulong p = 0; p < pages; p++)
            {
                ulong pfn = firstPfn + p;
                int i = SetOf(domain, pfn) * _ways;
                for (int end = i + _ways; i < end; i++)
                    if (_valid[i] && _pfns[i] == pfn && _domains[i] == domain) { _valid[i] = false; dropped++; }
            }
        }
        _count -= dropped;
        return dropped;
    }
}
