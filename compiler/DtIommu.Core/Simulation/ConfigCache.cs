using System;

namespace DtIommu.Simulation;

/// <summary>
/// A direct-mapped cache of configuration entries keyed by source ID (VT-d context cache, SMMUv3 STE cache);
/// fixed size so that a lookup never allocates.
/// </summary>
public sealed class ConfigCache
{
    private readonly uint[] _sources;
    private readonly ConfigEntry[] _entries;
    private readonly bool[] _valid;
    private readonly int _mask;
    private int _count;

    /// <summary>Creates a cache with <paramref name="capacity"/> (a power of two) slots.</summary>
    public ConfigCache(int capacity = 256)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "must be a power of two");
        _sources = new uint[capacity];
        _entries = new ConfigEntry[capacity];
        _valid = new bool[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Valid entries.</summary>
    public int Count => _count;

    private int SlotOf(uint source) => (int)((source ^ (source >> 11)) & (uint)_mask);

    /// <summary>Looks up the cached entry of a source.</summary>
    public bool TryGet(uint source, out ConfigEntry entry)
    {
        int i = SlotOf(source);
        if (_valid[i] && _sources[i] == source) { entry = _entries[i]; return true; }
        entry = default;
        return false;
    }

    /// <summary>Caches an entry, evicting whatever shared its slot.</summary>
    public void Insert(uint source, ConfigEntry entry)
    {
        int i = SlotOf(source);
        if (!_valid[i]) _count++;
        _valid[i] = true;
        _sources[i] = source;
        _entries[i] = entry;
    }

    /// <summary>Drops everything.</summary>
    public int InvalidateAll()
    {
        int n = _count;
        Array.Clear(_valid, 0, _valid.Length);
        _count = 0;
        return n;
    }

    /// <summary>Drops entries pointing to <paramref name="domain"/>; with <paramref name="includeNotPresent"/> also cached not-present entries (VT-d tags those with DID 0).</summary>
    public int InvalidateDomain(uint domain, bool includeNotPresent)
    {
        int n = 0;
        for (int i = 0; i < _valid.Length; i++)
        {
            if (!_valid[i]) continue;
            var e = _entries[i];
            if ((e.Present && e.Domain == domain) || (!e.Present && includeNotPresent)) { _valid[i] = false; n++; }
        }
        _count -= n;
        return n;
    }

    /// <summary>Drops the entry of one source.</summary>
    public int InvalidateSource(uint source)
    {
        int i = SlotOf(source);
        if (!_valid[i] || _sources[i] != source) return 0;
        _valid[i] = false;
        _count--;
        return 1;
    }
}
