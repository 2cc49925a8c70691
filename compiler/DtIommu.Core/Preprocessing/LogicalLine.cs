using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>One logical source line: physical lines joined by backslash-newline and by block comments.</summary>
internal sealed class LogicalLine
{
    public LogicalLine(string text, List<PpToken> tokens, int firstLine, int lastLine)
    {
        Text = text;
        Tokens = tokens;
        FirstLine = firstLine;
        LastLine = lastLine;
    }

    /// <summary>The spliced text (backslash-newlines removed) that token offsets refer to.</summary>
    public string Text { get; }

    public List<PpToken> Tokens { get; }

    public int FirstLine { get; }

    public int LastLine { get; }
}
