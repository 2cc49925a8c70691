using System.IO;

namespace DtIommu.Sources;

/// <summary>Reads files from disk, resolving relative paths against a base directory instead of the process's.</summary>
public sealed class RootedFileSource : IExplainedFileSource
{
    private readonly string _root;

    /// <summary>Creates a source whose relative paths start at <paramref name="root"/>.</summary>
    public RootedFileSource(string root) => _root = root;

    /// <inheritdoc/>
    public byte[]? TryRead(string path) => DiskFileSource.Instance.TryRead(Resolve(path));

    /// <inheritdoc/>
    public byte[]? TryReadRange(string path, ulong offset, ulong length) =>
        DiskFileSource.Instance.TryReadRange(Resolve(path), offset, length);

    /// <inheritdoc/>
    public FileFailure Explain(string path) => DiskFileSource.Instance.Explain(Resolve(path));

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(_root, path);
}
