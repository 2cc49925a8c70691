using System;
using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>
/// Finds <c>#include</c>d files as cpp does: the quoted form first looks in the including file's directory, then
/// every search directory in order; the angled form only in the search directories. Paths are spelled as cpp spells
/// them (directory, a slash unless it already ends in one, then the name as written), without normalisation.
/// </summary>
internal sealed class IncludeResolver
{
    private readonly IList<string> _dirs;
    private readonly Func<string, string?> _read;
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);

    public IncludeResolver(IList<string> dirs, Func<string, string?> read)
    {
        _dirs = dirs;
        _read = read;
    }

    /// <summary>A file that was found: its path, its text and which search directory held it (-1: the includer's).</summary>
    internal sealed record Found(string Path, string Text, int DirIndex);

    /// <summary>Reads a file through the cache; null when it does not exist.</summary>
    public string? Read(string path)
    {
        if (!_cache.TryGetValue(path, out var text))
        {
            text = _read(path);
            _cache[path] = text;
        }
        return text;
    }

    /// <summary>Resolves <paramref name="name"/> from a file at <paramref name="includer"/>; <paramref name="firstDir"/> starts the search later for <c>#include_next</c>.</summary>
    public Found? Resolve(string name, bool angled, string includer, int firstDir = 0)
    {
        if (name.StartsWith("/", StringComparison.Ordinal))
        {
            var abs = Read(name);
            return abs == null ? null : new Found(name, abs, -1);
        }
        if (!angled && firstDir == 0)
        {
            string path = Join(DirectoryOf(includer), name);
            var text = Read(path);
            if (text != null) return new Found(path, text, -1);
        }
        for (int i = Math.Max(firstDir, 0); i < _dirs.Count; i++)
        {
            string path = Join(_dirs[i], name);
            var text = Read(path);
            if (text != null) return new Found(path, text, i);
        }
        return null;
    }

    /// <summary>The directory part of <paramref name="path"/> including its final slash, or empty.</summary>
    public static string DirectoryOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash + 1);
    }

    private static string Join(string dir, string name)
    {
        if (dir.Length == 0) return name;
        return dir[dir.Length - 1] == '/' ? dir + name : dir + "/" + name;
    }
}
