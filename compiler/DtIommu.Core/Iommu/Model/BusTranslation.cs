using System.Collections.Generic;

namespace DtIommu.Iommu.Model;

/// <summary>One <c>bus_dma_region</c>: bus addresses <c>[DmaStart, DmaStart+Size)</c> reach CPU <c>[CpuStart, ...)</c>.</summary>
/// <param name="DmaStart">Bus (DMA) address.</param>
/// <param name="CpuStart">CPU physical address after every level's <c>dma-ranges</c>.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record DmaRegion(ulong DmaStart, ulong CpuStart, ulong Size)
{
    /// <summary>CPU minus DMA address, modulo 2^64 (Linux's <c>offset</c>).</summary>
    public ulong Offset => unchecked(CpuStart - DmaStart);
}

/// <summary>What <c>of_dma_get_range</c> returned for a master.</summary>
public enum TranslationOutcome
{
    /// <summary>-ENODEV: no usable <c>dma-ranges</c>; DMA is 1:1 with no bus limit.</summary>
    NoConstraint,
    /// <summary>A region map was found; <see cref="BusTranslation.BusDmaLimit"/> is set.</summary>
    Ranges,
    /// <summary>-EINVAL: every entry failed to translate, or the total size was 0; DMA configuration fails.</summary>
    Invalid,
}

/// <summary>The result of Linux's <c>dma-ranges</c> walk and mask computation for one master (6.1 semantics).</summary>
public sealed class BusTranslation
{
    /// <summary>The outcome of the walk.</summary>
    public TranslationOutcome Outcome { get; init; }

    /// <summary>The node the walk began at (the parent, the <c>dma-mem</c> interconnect, or a PCI host bridge).</summary>
    public string StartNode { get; init; } = "";

    /// <summary>The node whose <c>dma-ranges</c> applied, or null.</summary>
    public string? RangesNode { get; init; }

    /// <summary>The regions in Linux's order (first match wins), after merging contiguous entries.</summary>
    public IReadOnlyList<DmaRegion> Regions { get; init; } = [];

    /// <summary>Lowest DMA address of the regions (0 without regions).</summary>
    public ulong DmaStart { get; init; }

    /// <summary><c>bus_dma_limit</c>: the last usable bus address, or null without valid ranges.</summary>
    public ulong? BusDmaLimit { get; init; }

    /// <summary>Width of <c>DMA_BIT_MASK(ilog2(end)+1)</c>, the mask the bus imposes on the device's masks.</summary>
    public int MaskBits { get; init; }

    /// <summary>True when 6.1's odd-size quirk added 1 to the total size.</summary>
    public bool OddSizeAdjusted { get; init; }

    /// <summary>Translates a bus address to a CPU address the way <c>translate_dma_to_phys</c> does; null when unreachable.</summary>
    public ulong? ToCpu(ulong dma)
    {
        if (Outcome != TranslationOutcome.Ranges) return dma;
        foreach (var r in Regions)
        {
            if (r.Size == 0) return null;
            if (dma >= r.DmaStart && dma - r.DmaStart < r.Size) return unchecked(dma + r.Offset);
        }
        return null;
    }
}
