using System.Collections.Generic;
using DtIommu.Diagnostics;

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
        Open(name, currentDirectory, _files.TryRead, ScannerFailed);

    /// <summary>Opens the input blob as <see cref="Open(string, string?)"/> does, failing as dtc's blob reader does.</summary>
    public (string FullName, byte[] Bytes)? OpenBlob(string name) =>
        Open(name, null, _files.TryRead, reason => new FatalCompilationException($"Error reading DT blob magic number: {reason}"));

    /// <summary>
    /// Opens <paramref name="name"/> as <see cref="Open(string, string?)"/> does but reads only <paramref name="length"/>
    /// bytes from <paramref name="offset"/> (fewer at the end of the file), so device files and pipes work.
    /// </summary>
    public (string FullName, byte[] Bytes)? OpenRange(string name, string? currentDirectory, ulong offset, ulong length) =>
        Open(name, currentDirectory, path => _files is IRangeFileSource ranged ? ranged.TryReadRange(path, offset, length) : Slice(_files.TryRead(path), offset, length),
            // dtc reads nothing for a zero length, so a directory then gives an empty value.
            reason => length == 0 ? null : new FatalCompilationException($"Error reading file into data: {reason}") { EndsLine = false });

    // flex stops with its own message and exit status when the scanner's first read fails.
    private static FatalCompilationException ScannerFailed(string reason) =>
        new("input in flex scanner failed") { ExitCode = 2, Prefixed = false };

    private static byte[]? Slice(byte[]? all, ulong offset, ulong length)
    {
        if (all == null) return null;
        if (offset >= (ulong)all.Length) return [];
        var take = length < (ulong)all.Length - offset ? length : (ulong)all.Length - offset;
        var part = new byte[take];
        System.Array.Copy(all, (long)offset, part, 0, (long)take);
        return part;
    }

    /// <summary>
    /// Tries the candidates in dtc's order. dtc's <c>fopen</c> succeeds on a directory, so one ends the search (and
    /// is named in the dependency file) before its read fails with <paramref name="unreadable"/>'s error (null:
    /// empty contents); when nothing opens, the error names the last failure's reason.
    /// </summary>
    private (string FullName, byte[] Bytes)? Open(string name, string? currentDirectory, System.Func<string, byte[]?> read,
        System.Func<string, FatalCompilationException?> unreadable)
    {
        string? lastError = null;
        var absolute = name.Length > 0 && name[0] == '/';
        foreach (var candidate in Candidates(name, absolute ? null : currentDirectory, absolute))
        {
            var bytes = read(candidate);
            if (bytes != null) return Record(candidate, bytes);
            if (_files is not IExplainedFileSource explained) continue;
            var failure = explained.Explain(candidate);
            if (!failure.Opens)
            {
                lastError = failure.Reason;
                continue;
            }
            _opened.Add(candidate);
            if (unreadable(failure.Reason) is { } error) throw error;
            return (candidate, []);
        }
        if (lastError != null) throw new FatalCompilationException($"Couldn't open \"{name}\": {lastError}");
        return null;
    }

    private IEnumerable<string> Candidates(string name, string? currentDirectory, bool absolute)
    {
        yield return Join(currentDirectory, name);
        if (absolute) yield break;
        foreach (var dir in SearchDirectories) yield return Join(dir, name);
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

    /// <summary>A file name as dtc hands it to <c>fopen</c>: a C string, so a NUL inside it ends it.</summary>
    public static string AsCName(string name)
    {
        var nul = name.IndexOf('\0');
        return nul < 0 ? name : name.Substring(0, nul);
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
