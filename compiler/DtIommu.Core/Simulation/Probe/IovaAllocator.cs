using System.Collections.Generic;
using DtIommu.Iommu.Model;

namespace DtIommu.Simulation.Probe;

/// <summary>
/// The DMA API's IOVA allocator for one domain, reduced to what the probe needs: top-down allocation below the
/// limit (alloc_iova_fast allocates from the top of the allowed range), never at IOVA 0, skipping reserved ranges.
/// </summary>
public sealed class IovaAllocator
{
    private readonly AddressRange _window;
    private readonly List<AddressRange> _reserved = [];
    private ulong _next;

    /// <summary>Allocates inside <paramref name="window"/> (aperture ∩ <c>dma-ranges</c> limit ∩ DMA mask).</summary>
    public IovaAllocator(AddressRange window)
    {
        _window = window;
        _next = (window.End & ~0xFFFUL) + 0x1000;
        if (_next == 0 && window.End != 0) _next = ulong.MaxValue & ~0xFFFUL;
    }

    /// <summary>Keeps a range out of allocation (reserve_iova for the device's reserved regions).</summary>
    public void Reserve(AddressRange range) => _reserved.Add(range);

    /// <summary>Allocates a page-aligned range of <paramref name="size"/> bytes; null when the window is full.</summary>
    public ulong? Allocate(ulong size)
    {
        while (true)
        {
            if (_next < size || _next - size < _window.Start || _next - size == 0) return null;
            ulong at = _next - size;
            bool clash = false;
            foreach (var r in _reserved)
                if (r.Start <= at + size - 1 && at <= r.End) { _next = r.Start & ~0xFFFUL; clash = true; break; }
            if (clash) continue;
            _next = at;
            return at;
        }
    }
}
