namespace DtIommu.Sources;

/// <summary>A file source that can read part of a file without reading the rest (device files, pipes).</summary>
public interface IRangeFileSource : IFileSource
{
    /// <summary>At most <paramref name="length"/> bytes from <paramref name="offset"/>, or null as for <see cref="IFileSource.TryRead"/>.</summary>
    byte[]? TryReadRange(string path, ulong offset, ulong length);
}
