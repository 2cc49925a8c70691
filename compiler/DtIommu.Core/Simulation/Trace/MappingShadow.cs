using System.Collections.Generic;

namespace DtIommu.Simulation.Trace;

/// <summary>One live mapping as the replayer remembers it.</summary>
/// <param name="Iommu">IOMMU name.</param>
/// <param name="Domain">Domain (LIOBN on TCE).</param>
/// <param name="Iova">First IOVA.</param>
/// <param name="Physical">First physical address.</param>
/// <param name="Size">Length.</param>
public readonly record struct ShadowMapping(string Iommu, uint Domain, ulong Iova, ulong Physical, ulong Size);

/// <summary>
/// The replayer's own record of live mappings and freed buffers, so that freeing a buffer still mapped, and DMA into
/// freed memory, can be reported without asking the simulators to scan their tables.
/// </summary>
public sealed class MappingShadow
{
    private readonly List<ShadowMapping> _mappings = [];
    private readonly List<(ulong Start, ulong Size)> _freed = [];
    private readonly List<ShadowMapping> _unmapped = [];
    private readonly List<ShadowMapping> _scratch = [];

    /// <summary>Live mappings.</summary>
    public IReadOnlyList<ShadowMapping> Mappings => _mappings;

    /// <summary>Records a mapping, replacing whatever the range mapped before; the buffer counts as allocated again.</summary>
    /// <returns>The parts of earlier mappings the new one replaced (they may still be cached).</returns>
    public List<ShadowMapping> Map(string iommu, uint domain, ulong iova, ulong physical, ulong size)
    {
        var replaced = Unmap(iommu, domain, iova, size);
        _mappings.Add(new ShadowMapping(iommu, domain, iova, physical, size));
        Subtract(_freed, physical, size);
        return replaced;
    }

    /// <summary>Records a map that only wrote the entries that were empty (VT-d keeps live PTEs): live mappings stay.</summary>
    public void MapHoles(string iommu, uint domain, ulong iova, ulong physical, ulong size)
    {
        var holes = new List<(ulong Start, ulong Size)> { (iova, size) };
        foreach (var m in _mappings)
            if (m.Iommu == iommu && m.Domain == domain) Subtract(holes, m.Iova, m.Size);
        foreach (var (s, n) in holes) Map(iommu, domain, s, physical + (s - iova), n);
    }

    /// <summary>Forgets the part of every mapping of the domain inside the range and returns the parts removed.</summary>
    /// <remarks>The list is reused by the next call: consume it at once.</remarks>
    public List<ShadowMapping> Unmap(string iommu, uint domain, ulong iova, ulong size)
    {
        var removed = _scratch;
        removed.Clear();
        ulong end = iova + size;
        for (int i = _mappings.Count - 1; i >= 0; i--)
        {
            var m = _mappings[i];
            if (m.Iommu != iommu || m.Domain != domain) continue;
            ulong mEnd = m.Iova + m.Size;
            if (mEnd <= iova || m.Iova >= end) continue;
            _mappings.RemoveAt(i);
            if (m.Iova < iova) _mappings.Add(m with { Size = iova - m.Iova });
            if (mEnd > end) _mappings.Add(m with { Iova = end, Physical = m.Physical + (end - m.Iova), Size = mEnd - end });
            ulong s = m.Iova > iova ? m.Iova : iova, e = mEnd < end ? mEnd : end;
            removed.Add(m with { Iova = s, Physical = m.Physical + (s - m.Iova), Size = e - s });
        }
        return removed;
    }

    /// <summary>Marks a buffer freed and returns the mappings that still point into it.</summary>
    public List<ShadowMapping> Free(ulong physical, ulong size)
    {
        var still = Overlapping(_mappings, physical, size);
        _freed.Add((physical, size));
        return still;
    }

    /// <summary>Remembers unmapped ranges whose invalidation may still be missing.</summary>
    public void RecordUnmapped(IEnumerable<ShadowMapping> removed) => _unmapped.AddRange(removed);

    /// <summary>Unmapped ranges that pointed into the buffer (the caller asks the IOMMU whether they were invalidated).</summary>
    public List<ShadowMapping> UnmappedInto(ulong physical, ulong size) => Overlapping(_unmapped, physical, size);

    /// <summary>Forgets an unmapped range once it is known to be invalidated.</summary>
    public void ForgetUnmapped(ShadowMapping m) => _unmapped.Remove(m);

    private static List<ShadowMapping> Overlapping(List<ShadowMapping> list, ulong physical, ulong size)
    {
        var result = new List<ShadowMapping>();
        foreach (var m in list)
            if (m.Physical < physical + size && physical < m.Physical + m.Size) result.Add(m);
        return result;
    }

    /// <summary>True once any buffer was freed (the common replay frees none, and need not look).</summary>
    public bool HasFreed => _freed.Count > 0;

    /// <summary>True when the physical address lies in a freed buffer.</summary>
    public bool IsFreed(ulong physical)
    {
        foreach (var (s, n) in _freed) if (physical >= s && physical - s < n) return true;
        return false;
    }

    private static void Subtract(List<(ulong Start, ulong Size)> ranges, ulong start, ulong size)
    {
        ulong end = start + size;
        for (int i = ranges.Count - 1; i >= 0; i--)
        {
            var (s, n) = ranges[i];
            ulong e = s + n;
            if (e <= start || s >= end) continue;
            ranges.RemoveAt(i);
            if (s < start) ranges.Add((s, start - s));
            if (e > end) ranges.Add((end, e - end));
        }
    }
}
