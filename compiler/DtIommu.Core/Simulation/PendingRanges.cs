namespace DtIommu.Simulation;

/// <summary>
/// Page-frame ranges whose entries changed since the last invalidation covering them, kept as a small fixed set of
/// disjoint intervals so that marking and clearing never allocate. When the set is full, the closest neighbours are
/// merged; the result can only over-report pending changes, never hide one.
/// </summary>
public sealed class PendingRanges
{
    private const int Capacity = 32;
    private readonly ulong[] _first = new ulong[Capacity];
    private readonly ulong[] _last = new ulong[Capacity];
    private int _count;

    /// <summary>Number of disjoint ranges.</summary>
    public int Count => _count;

    /// <summary>True when nothing is pending.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>First frame of range <paramref name="i"/>.</summary>
    public ulong First(int i) => _first[i];

    /// <summary>Last frame of range <paramref name="i"/> (inclusive).</summary>
    public ulong Last(int i) => _last[i];

    /// <summary>Total frames pending.</summary>
    public ulong Pages
    {
        get
        {
            ulong n = 0;
            for (int i = 0; i < _count; i++) n += _last[i] - _first[i] + 1;
            return n;
        }
    }

    /// <summary>Adds [<paramref name="first"/>, <paramref name="last"/>], merging with overlapping or adjacent ranges.</summary>
    public void Mark(ulong first, ulong last)
    {
        for (int i = 0; i < _count; i++)
        {
            // Adjacent ranges merge too; the common case is one page after another.
            if (first <= _last[i] + 1 && last + 1 >= _first[i])
            {
                if (first < _first[i]) _first[i] = first;
                if (last > _last[i]) _last[i] = last;
                Coalesce(i);
                return;
            }
        }
        if (_count == Capacity) MergeClosest();
        _first[_count] = first;
        _last[_count] = last;
        _count++;
    }

    /// <summary>True when a pending frame lies in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public bool Overlaps(ulong first, ulong last)
    {
        for (int i = 0; i < _count; i++)
            if (first <= _last[i] && last >= _first[i]) return true;
        return false;
    }

    /// <summary>Removes [<paramref name="first"/>, <paramref name="last"/>] from the pending set.</summary>
    public void Clear(ulong first, ulong last)
    {
        for (int i = _count - 1; i >= 0; i--)
        {
            ulong f = _first[i], l = _last[i];
            if (first > l || last < f) continue;
            bool keepLeft = f < first, keepRight = l > last;
            if (keepLeft && keepRight)
            {
                // Splitting needs a slot; without one the whole range stays pending.
                if (_count == Capacity) continue;
                _last[i] = first - 1;
                _first[_count] = last + 1;
                _last[_count] = l;
                _count++;
            }
            else if (keepLeft) _last[i] = first - 1;
            else if (keepRight) _first[i] = last + 1;
            else RemoveAt(i);
        }
    }

    /// <summary>Forgets everything.</summary>
    public void ClearAll() => _count = 0;

    private void RemoveAt(int i)
    {
        _count--;
        _first[i] = _first[_count];
        _last[i] = _last[_count];
    }

    private void Coalesce(int i)
    {
        for (int j = _count - 1; j >= 0; j--)
        {
            if (j == i || _first[j] > _last[i] + 1 || _last[j] + 1 < _first[i]) continue;
            if (_first[j] < _first[i]) _first[i] = _first[j];
            if (_last[j] > _last[i]) _last[i] = _last[j];
            RemoveAt(j);
            if (i == _count) i = j;
        }
    }

    private void MergeClosest()
    {
        int a = 0, b = 1;
        ulong best = ulong.MaxValue;
        for (int i = 0; i < _count; i++)
            for (int j = 0; j < _count; j++)
            {
                if (i == j || _first[j] <= _last[i]) continue;
                ulong gap = _first[j] - _last[i];
                if (gap < best) { best = gap; a = i; b = j; }
            }
        if (_last[b] > _last[a]) _last[a] = _last[b];
        if (_first[b] < _first[a]) _first[a] = _first[b];
        RemoveAt(b);
    }
}
