using System;

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

    /// <summary>The string for <paramref name="chars"/>: the one returned before for the same characters, or a new one.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        var mask = _names.Length - 1;
        var i = Hash(chars) & mask;
        while (_names[i] is { } name)
        {
            if (chars.SequenceEqual(name.AsSpan())) return name;
            i = (i + 1) & mask;
        }
        var added = chars.ToString();
        _names[i] = added;
        if (++_count * 2 > _names.Length) Grow();
        return added;
    }

    private static int Hash(ReadOnlySpan<char> chars)
    {
        // FNV-1a: names are short and differ anywhere, often only in a trailing digit.
        var h = 2166136261u;
        foreach (var c in chars) h = (h ^ c) * 16777619u;
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
            var i = Hash(name.AsSpan()) & mask;
            while (_names[i] != null) i = (i + 1) & mask;
            _names[i] = name;
        }
    }
}
