namespace DtIommu.Model;

/// <summary>A <c>/memreserve/</c> entry.</summary>
public sealed class ReserveEntry
{
    /// <summary>Creates an entry.</summary>
    public ReserveEntry(ulong address, ulong size)
    {
        Address = address;
        Size = size;
    }

    /// <summary>Start address.</summary>
    public ulong Address { get; }

    /// <summary>Size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>Labels on the entry.</summary>
    public LabelList Labels { get; } = new();
}
