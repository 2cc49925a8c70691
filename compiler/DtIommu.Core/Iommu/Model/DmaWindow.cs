using System.Globalization;

namespace DtIommu.Iommu.Model;

/// <summary>An inclusive address range; inclusive so that the full 64-bit space is representable.</summary>
/// <param name="Start">First address.</param>
/// <param name="End">Last address (inclusive).</param>
public readonly record struct AddressRange(ulong Start, ulong End)
{
    /// <summary>The range of <paramref name="size"/> bytes at <paramref name="start"/>, clipped at 2^64-1; null for size 0.</summary>
    public static AddressRange? FromSize(ulong start, ulong size)
    {
        if (size == 0) return null;
        var end = start + (size - 1);
        return new AddressRange(start, end < start ? ulong.MaxValue : end);
    }

    /// <summary>Number of bytes, or 0 for the full 2^64 range.</summary>
    public ulong Size => End - Start + 1;

    /// <summary>The intersection, or null when disjoint.</summary>
    public AddressRange? Intersect(AddressRange other)
    {
        var s = Start > other.Start ? Start : other.Start;
        var e = End < other.End ? End : other.End;
        return s <= e ? new AddressRange(s, e) : null;
    }

    /// <summary>True when <paramref name="address"/> lies inside.</summary>
    public bool Contains(ulong address) => address >= Start && address <= End;

    /// <inheritdoc/>
    public override string ToString() =>
        "0x" + Start.ToString("x", CultureInfo.InvariantCulture) + "-0x" + End.ToString("x", CultureInfo.InvariantCulture);
}

/// <summary>Where a master's IOVA window comes from.</summary>
public enum WindowSource
{
    /// <summary>The IOMMU's aperture (binding parameter), clipped by the master's <c>dma-ranges</c> envelope.</summary>
    Aperture,
    /// <summary>The window cells of the <c>iommus</c> specifier (<c>#iommu-cells = &lt;4&gt;</c>).</summary>
    Specifier,
    /// <summary>A pSeries <c>ibm,dma-window</c>/<c>ibm,my-dma-window</c>.</summary>
    DmaWindowProperty,
}

/// <summary>A master's IOVA window.</summary>
/// <param name="Range">The bus addresses the master can use.</param>
/// <param name="Source">Where the window comes from.</param>
/// <param name="TableRange">For pSeries PCI windows: the TCE table's span after Linux rounds the size up to a power of two.</param>
public sealed record DmaWindow(AddressRange Range, WindowSource Source, AddressRange? TableRange = null);
