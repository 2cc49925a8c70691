using System.Collections.Generic;

namespace DtIommu.Sources;

/// <summary>Files held in memory (tests, editors).</summary>
public sealed class MemoryFileSource : IFileSource
{
    private readonly Dictionary<string, byte[]> _files = [];

    /// <summary>Adds or replaces a file with Latin-1/ASCII text.</summary>
    public MemoryFileSource Add(string path, string text)
    {
        _files[path] = Latin1.GetBytes(text);
        return this;
    }

    /// <summary>Adds or replaces a file with raw bytes.</summary>
    public MemoryFileSource Add(string path, byte[] bytes)
    {
        _files[path] = bytes;
        return this;
    }

    /// <inheritdoc/>
    public byte[]? TryRead(string path) => _files.TryGetValue(path, out var b) ? b : null;
}
