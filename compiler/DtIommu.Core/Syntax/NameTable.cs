using System;
using DtIommu.Sources;

namespace DtIommu.Syntax;

/// <summary>
/// One string per distinct name read from a source (property, node, label and reference names): a board spells the
/// same few hundred names thousands of times (<c>compatible</c>, <c>reg</c>, <c>status</c>, a label per reference),
/// and a string for each spelling was a tenth of what it allocated.
/// </summary>
internal sealed class NameTable
{
    // Open addressing over a power-of-two table, grown at half full.
    private string?[] _names = new string?[256];
    private int _count;

    /// <summary>The string for <paramref name="bytes"/>: the one returned before for the same characters, or a new one.</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        var mask = _names.Length - 1;
        var i = Hash(bytes) & mask;
        while (_names[i] is { } name)
        {
            if (Spells(name, bytes)) return name;
            i = (i + 1) & mask;
        }
        var added = Latin1.GetString(bytes);
        _names[i] = added;
        if (++_count * 2 > _names.Length) Grow();
        return added;
    }

    private static bool Spells(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.Length != bytes.Length) return false;
        for (var i = 0; i < bytes.Length; i++)
            if (name[i] != bytes[i]) return false;
        return true;
    }

    // FNV-1a: names are short and differ anywhere, often only in a trailing digit. A name's chars are its source
    // bytes (Latin-1), so both forms hash alike.
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes) h = (h ^ b) * 16777619u;
        return (int)(h ^ (h >> 15));
    }

    private static int Hash(string name)
    {
        var h = 2166136261u;
        foreach (var c in name) h = (h ^ c) * 16777619u;
        return (int)(h ^ (h >> 15));
    }

    private void Grow()
    {
        var old = _names;
        _names = new string?[old.Length * 2];
        var mask = _names.Length - 1;
        foreach (var name in old)
        {
            if (name == null) continue;
            var i = Hash(name) & mask;
            while (_names[i] != null) i = (i + 1) & mask;
            _names[i] = name;
        }
    }
}
