using System.Collections.Generic;

namespace DtIommu.Sources;

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
