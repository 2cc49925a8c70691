namespace DtIommu.Blob;

/// <summary>Blob layout options: <c>-V</c>, <c>-R</c>, <c>-S</c>, <c>-p</c>, <c>-a</c>.</summary>
public sealed record BlobLayoutOptions
{
    /// <summary>Blob version (<c>-V</c>), 17 by default.</summary>
    public int Version { get; init; } = 17;
    /// <summary>Extra empty reserve-map slots (<c>-R</c>).</summary>
    public int ReserveSlots { get; init; }
    /// <summary>Minimum total size (<c>-S</c>), 0 for none.</summary>
    public int MinimumSize { get; init; }
    /// <summary>Extra zero padding (<c>-p</c>), 0 for none.</summary>
    public int Padding { get; init; }
    /// <summary>Round the total size up to this power of two (<c>-a</c>), 0 for none.</summary>
    public int Alignment { get; init; }
}
