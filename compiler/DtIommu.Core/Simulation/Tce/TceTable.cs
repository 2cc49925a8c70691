namespace DtIommu.Simulation.Tce;

/// <summary>
/// The TCE table behind one LIOBN: 8-byte entries (real page address | write 0x2 | read 0x1), one per TCE page of the
/// window, shared by every device of the PE.
/// </summary>
public sealed class TceTable
{
    private readonly PageTable _entries;

    /// <summary>Creates the table of a window.</summary>
    public TceTable(uint liobn, uint peLiobn, ulong windowBase, ulong windowSize, int pageShift, bool vio, bool dynamic)
    {
        Liobn = liobn;
        PeLiobn = peLiobn;
        Base = windowBase;
        Size = windowSize;
        PageShift = pageShift;
        IsDynamic = dynamic;
        ulong entries = windowSize >> pageShift;
        int bits = 1;
        while (bits < 52 && (entries - 1) >> bits != 0) bits++;
        _entries = new PageTable(bits);
        // pci_dma_bus_setup_pSeriesLP sizes the Linux table with order_base_2(size); VIO uses the exact size.
        ulong rounded = 1;
        while (rounded < windowSize && rounded != 0) rounded <<= 1;
        LinuxTableSize = vio || dynamic || rounded == 0 ? windowSize : rounded;
    }

    /// <summary>The table's LIOBN.</summary>
    public uint Liobn { get; }

    /// <summary>LIOBN of the PE's default window (the PE's identity).</summary>
    public uint PeLiobn { get; }

    /// <summary>First I/O bus address.</summary>
    public ulong Base { get; }

    /// <summary>Window size the hypervisor enforces.</summary>
    public ulong Size { get; }

    /// <summary>TCE page shift.</summary>
    public int PageShift { get; }

    /// <summary>A dynamic (DDW) window.</summary>
    public bool IsDynamic { get; }

    /// <summary>Size of the window as Linux's <c>iommu_table</c> believes it (power-of-two rounded for PCI default windows).</summary>
    public ulong LinuxTableSize { get; }

    /// <summary>Valid TCEs.</summary>
    public long ValidEntries => _entries.PresentCount;

    /// <summary>True when <paramref name="ioba"/> lies inside the window.</summary>
    public bool Contains(ulong ioba) => ioba >= Base && ioba - Base < Size;

    /// <summary>The TCE for <paramref name="ioba"/> (which must be inside the window).</summary>
    public ulong Get(ulong ioba) => _entries.Get((ioba - Base) >> PageShift);

    /// <summary>H_PUT_TCE: writes the TCE for <paramref name="ioba"/> (inside the window) and returns the old one.</summary>
    public ulong Put(ulong ioba, ulong tce) => _entries.Set((ioba - Base) >> PageShift, tce);
}
