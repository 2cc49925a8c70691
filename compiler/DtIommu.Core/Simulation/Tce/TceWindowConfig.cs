namespace DtIommu.Simulation.Tce;

/// <summary>One pSeries DMA window as <c>ibm,dma-window</c> / <c>ibm,my-dma-window</c> describes it, plus the PE's DDW support.</summary>
/// <param name="Liobn">Logical I/O bus number of the window's TCE table.</param>
/// <param name="Base">First I/O bus address.</param>
/// <param name="Size">Window size the hypervisor enforces.</param>
/// <param name="PageShift">TCE page shift (12 for the default window).</param>
/// <param name="Vio">A VIO device window: Linux sizes the table exactly instead of rounding up to a power of two.</param>
/// <param name="Ddw">Dynamic DMA window support of the PE (<c>ibm,ddw-applicable</c>), or null.</param>
public sealed record TceWindowConfig(uint Liobn, ulong Base, ulong Size, int PageShift = 12, bool Vio = false, TceDdwConfig? Ddw = null)
{
    /// <summary>Why the window cannot exist, or null.</summary>
    public string? Validate()
    {
        if (PageShift < 12 || PageShift > 34) return $"page-shift={PageShift} must be 12..34";
        ulong page = 1UL << PageShift;
        if (Size == 0) return "the window is empty";
        if (((Base | Size) & (page - 1)) != 0) return $"base 0x{Base:x} and size 0x{Size:x} must be multiples of the TCE page (0x{page:x})";
        if (Base + Size - 1 < Base) return "the window wraps around the address space";
        if (Vio && Ddw != null) return "VIO windows have no dynamic DMA windows";
        return Ddw?.Validate();
    }
}
