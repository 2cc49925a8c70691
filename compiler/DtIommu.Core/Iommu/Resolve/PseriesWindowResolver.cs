using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>A parsed pSeries DMA window.</summary>
/// <param name="Liobn">The logical I/O bus number (the hypervisor's TCE table ID).</param>
/// <param name="Base">Bus address of the window.</param>
/// <param name="Size">Window size in bytes.</param>
/// <param name="AddressCells">Address cells used (from <c>ibm,#dma-address-cells</c> or a fallback).</param>
/// <param name="SizeCells">Size cells used.</param>
public sealed record PseriesWindow(uint Liobn, ulong Base, ulong Size, int AddressCells, int SizeCells)
{
    /// <summary>The window as an inclusive range, or null for size 0.</summary>
    public AddressRange? Range => AddressRange.FromSize(Base, Size);

    /// <summary>
    /// The TCE table span Linux builds for a PCI window: <c>window_shift = order_base_2(size)</c>, so a size that is
    /// not a power of two is rounded up (pseries/iommu.c:519-533).
    /// </summary>
    public AddressRange? PciTableRange
    {
        get
        {
            if (Size == 0) return null;
            var shift = DmaRangesWalker.ILog2(Size);
            if ((Size & (Size - 1)) != 0) shift++;
            return AddressRange.FromSize(Base, shift >= 64 ? 0 : 1UL << shift) ?? new AddressRange(Base, ulong.MaxValue);
        }
    }
}

/// <summary>Linux's <c>of_parse_dma_window</c> (arch/powerpc/kernel/prom_parse.c:11-34).</summary>
public static class PseriesWindowResolver
{
    /// <summary>
    /// Parses <paramref name="property"/> of <paramref name="node"/>; null when absent or too short (Linux would read
    /// past the end; the length problem is reported in <paramref name="problem"/>).
    /// </summary>
    public static PseriesWindow? Parse(Node node, string property, out string? problem, out bool cellsFallback)
    {
        problem = null;
        cellsFallback = false;
        var p = node.GetProperty(property);
        if (p == null) return null;
        var cells = TreeIndex.Cells(p);
        var ac = TreeIndex.ReadU32(node, "ibm,#dma-address-cells");
        if (ac == null)
        {
            cellsFallback = true;
            ac = TreeIndex.ReadU32(node, "#address-cells") ?? (uint)TreeIndex.AddressCells(node);
        }
        var sc = TreeIndex.ReadU32(node, "ibm,#dma-size-cells") ?? (uint)TreeIndex.SizeCells(node);
        if (ac > 4 || sc > 4)
        {
            problem = $"\"{property}\" uses {ac} address and {sc} size cells; at most 4 each are meaningful";
            return null;
        }
        var need = 1 + (int)ac + (int)sc;
        if (p.Value.Length != need * 4)
        {
            problem = $"\"{property}\" has {p.Value.Length} bytes but <liobn(1) address({ac}) size({sc})> needs {need * 4}";
            if (cells.Length < need) return null;
        }
        var liobn = cells[0];
        var baseAddr = TreeIndex.ReadNumber(cells, 1, (int)ac);
        var size = TreeIndex.ReadNumber(cells, 1 + (int)ac, (int)sc);
        return new PseriesWindow(liobn, baseAddr, size, (int)ac, (int)sc);
    }
}
