using System.Collections.Generic;
using System.IO;

namespace DtIommu.Compilation;

/// <summary>
/// Finds and reads the files a compilation opens (the main source, <c>/include/</c>, <c>/incbin/</c>) exactly as
/// dtc's <c>srcfile_relative_open</c> does, and records each in first-open order for <c>-d</c>.
/// </summary>
public sealed class SourceLoader
{
    private readonly IFileSource _files;
    private readonly List<string> _opened = [];

    /// <summary>Creates a loader over a file source with <c>-i</c> search directories in order.</summary>
    public SourceLoader(IFileSource files, IReadOnlyList<string> searchDirectories)
    {
        _files = files;
        SearchDirectories = searchDirectories;
    }

    /// <summary>The <c>-i</c> directories, searched after the including file's directory.</summary>
    public IReadOnlyList<string> SearchDirectories { get; }

    /// <summary>Every file opened so far, as dtc names it in dependency files.</summary>
    public IReadOnlyList<string> Opened => _opened;

    /// <summary>
    /// Opens <paramref name="name"/> relative to <paramref name="currentDirectory"/> (null for the main file), then
    /// in each search directory; returns the resolved name and bytes, or null when it is nowhere.
    /// </summary>
    public (string FullName, byte[] Bytes)? Open(string name, string? currentDirectory)
    {
        if (name.Length > 0 && name[0] == '/')
            return Record(name, _files.TryRead(name));

        var candidate = Join(currentDirectory, name);
        var bytes = _files.TryRead(candidate);
        if (bytes != null) return Record(candidate, bytes);
        foreach (var dir in SearchDirectories)
        {
            candidate = Join(dir, name);
            bytes = _files.TryRead(candidate);
            if (bytes != null) return Record(candidate, bytes);
        }
        return null;
    }

    /// <summary>Records standard input as an opened file.</summary>
    public void RecordStdin() => _opened.Add("<stdin>");

    /// <summary>Records a file read by another stage (the preprocessor's headers), once.</summary>
    public void RecordOpened(string path)
    {
        if (!_opened.Contains(path)) _opened.Add(path);
    }

    /// <summary>The file source this loader reads from.</summary>
    public IFileSource Files => _files;

    private (string, byte[])? Record(string fullName, byte[]? bytes)
    {
        if (bytes == null) return null;
        _opened.Add(fullName);
        return (fullName, bytes);
    }

    /// <summary>The directory part of a path as dtc computes it: null when the path has no slash.</summary>
    public static string? DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path.Substring(0, slash);
    }

    private static string Join(string? dir, string name)
    {
        if (dir == null) return name;
        return dir.Length > 0 && dir[dir.Length - 1] == '/' ? dir + name : dir + "/" + name;
    }
}

/// <summary>Where source bytes come from: the disk, or memory in tests and the MSBuild task.</summary>
public interface IFileSource
{
    /// <summary>The file's bytes, or null when it does not exist or is not a readable file.</summary>
    byte[]? TryRead(string path);
}

/// <summary>Reads files from disk.</summary>
public sealed class DiskFileSource : IFileSource
{
    /// <summary>The shared instance.</summary>
    public static readonly DiskFileSource Instance = new();

    /// <inheritdoc/>
    public byte[]? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (System.UnauthorizedAccessException)
        {
            return null;
        }
    }
}

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

/// <summary>Reads files from disk, resolving relative paths against a base directory instead of the process's.</summary>
public sealed class RootedFileSource : IFileSource
{
    private readonly string _root;

    /// <summary>Creates a source whose relative paths start at <paramref name="root"/>.</summary>
    public RootedFileSource(string root) => _root = root;

    /// <inheritdoc/>
    public byte[]? TryRead(string path) =>
        DiskFileSource.Instance.TryRead(Path.IsPathRooted(path) ? path : Path.Combine(_root, path));
}
