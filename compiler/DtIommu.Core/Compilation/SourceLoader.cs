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
    public (string FullName, byte[] Bytes)? Open(string name, string? currentDirectory) =>
        Open(name, currentDirectory, _files.TryRead);

    /// <summary>
    /// Opens <paramref name="name"/> as <see cref="Open(string, string?)"/> does but reads only <paramref name="length"/>
    /// bytes from <paramref name="offset"/> (fewer at the end of the file), so device files and pipes work.
    /// </summary>
    public (string FullName, byte[] Bytes)? OpenRange(string name, string? currentDirectory, ulong offset, ulong length) =>
        Open(name, currentDirectory, path => _files is IRangeFileSource ranged ? ranged.TryReadRange(path, offset, length) : Slice(_files.TryRead(path), offset, length));

    private static byte[]? Slice(byte[]? all, ulong offset, ulong length)
    {
        if (all == null) return null;
        if (offset >= (ulong)all.Length) return [];
        var take = length < (ulong)all.Length - offset ? length : (ulong)all.Length - offset;
        var part = new byte[take];
        System.Array.Copy(all, (long)offset, part, 0, (long)take);
        return part;
    }

    private (string FullName, byte[] Bytes)? Open(string name, string? currentDirectory, System.Func<string, byte[]?> read)
    {
        if (name.Length > 0 && name[0] == '/')
            return Record(name, read(name));

        var candidate = Join(currentDirectory, name);
        var bytes = read(candidate);
        if (bytes != null) return Record(candidate, bytes);
        foreach (var dir in SearchDirectories)
        {
            candidate = Join(dir, name);
            bytes = read(candidate);
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

/// <summary>A file source that can read part of a file without reading the rest (device files, pipes).</summary>
public interface IRangeFileSource : IFileSource
{
    /// <summary>At most <paramref name="length"/> bytes from <paramref name="offset"/>, or null as for <see cref="IFileSource.TryRead"/>.</summary>
    byte[]? TryReadRange(string path, ulong offset, ulong length);
}

/// <summary>Reads files from disk.</summary>
public sealed class DiskFileSource : IRangeFileSource
{
    /// <summary>The shared instance.</summary>
    public static readonly DiskFileSource Instance = new();

    /// <inheritdoc/>
    public byte[]? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? ReadRange(path, 0, ulong.MaxValue) : null;
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

    /// <inheritdoc/>
    public byte[]? TryReadRange(string path, ulong offset, ulong length)
    {
        try
        {
            return File.Exists(path) ? ReadRange(path, offset, length) : null;
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

    /// <summary>Largest file read (256 MB): a device file such as /dev/zero never ends, and no real source or blob comes near.</summary>
    public const int MaxFileSize = 1 << 28;

    // Streams rather than asking for the length: device files and pipes report none (or a wrong one).
    private static byte[] ReadRange(string path, ulong offset, ulong length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && offset <= long.MaxValue && offset <= (ulong)stream.Length)
        {
            stream.Seek((long)offset, SeekOrigin.Begin);
            offset = 0;
        }
        var buffer = new byte[65536];
        while (offset > 0)
        {
            var n = stream.Read(buffer, 0, (int)System.Math.Min(offset, (ulong)buffer.Length));
            if (n == 0) return [];
            offset -= (ulong)n;
        }
        using var result = new MemoryStream();
        while (length > 0)
        {
            var n = stream.Read(buffer, 0, (int)System.Math.Min(length, (ulong)buffer.Length));
            if (n == 0) break;
            if (result.Length + n > MaxFileSize)
                throw new FatalCompilationException($"Couldn't read \"{path}\": File too large");
            result.Write(buffer, 0, n);
            length -= (ulong)n;
        }
        return result.ToArray();
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
public sealed class RootedFileSource : IRangeFileSource
{
    private readonly string _root;

    /// <summary>Creates a source whose relative paths start at <paramref name="root"/>.</summary>
    public RootedFileSource(string root) => _root = root;

    /// <inheritdoc/>
    public byte[]? TryRead(string path) => DiskFileSource.Instance.TryRead(Resolve(path));

    /// <inheritdoc/>
    public byte[]? TryReadRange(string path, ulong offset, ulong length) =>
        DiskFileSource.Instance.TryReadRange(Resolve(path), offset, length);

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(_root, path);
}
