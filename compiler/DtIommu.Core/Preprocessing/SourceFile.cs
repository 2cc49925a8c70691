using System;
using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>A file's text, its path as cpp would print it, and the means to turn offsets into lines and columns.</summary>
internal sealed class SourceFile
{
    private readonly int[] _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>1-based line of the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        int i = Array.BinarySearch(_lineStarts, offset);
        return i >= 0 ? i + 1 : ~i;
    }

    /// <summary>Offset of the first character of 1-based <paramref name="line"/>.</summary>
    public int LineStart(int line) => _lineStarts[Math.Min(Math.Max(line, 1), _lineStarts.Length) - 1];

    /// <summary>Length of 1-based <paramref name="line"/> without its line terminator.</summary>
    public int LineLength(int line)
    {
        int start = LineStart(line);
        int end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r') end--;
        return end - start;
    }

    /// <summary>Number of physical lines, counting a final line without newline.</summary>
    public int LineCount => _lineStarts.Length;
}
