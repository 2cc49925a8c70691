using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>One whitespace-separated word of a trace line, with its position.</summary>
public sealed class TraceToken
{
    /// <summary>Creates a token found at 1-based <paramref name="column"/>.</summary>
    public TraceToken(string text, int column)
    {
        Text = text;
        Column = column;
        Length = text.Length;
    }

    /// <summary>The word.</summary>
    public string Text { get; }

    /// <summary>1-based column of its first character.</summary>
    public int Column { get; }

    /// <summary>Length in characters.</summary>
    public int Length { get; }

    /// <summary>The part before '=' of a key=value word, or null.</summary>
    public string? Key => Text.IndexOf('=') is int i and > 0 ? Text.Substring(0, i) : null;

    /// <summary>The part after '=' of a key=value word, or null.</summary>
    public string? Value => Text.IndexOf('=') is int i and > 0 ? Text.Substring(i + 1) : null;

    /// <summary>Column of the value of a key=value word.</summary>
    public int ValueColumn => Text.IndexOf('=') is int i and > 0 ? Column + i + 1 : Column;

    /// <summary>The token's span on <paramref name="line"/> of <paramref name="file"/>.</summary>
    public SourceSpan Span(string file, int line) => new(file, line, Column, line, Column + Length);

    /// <summary>The span of the value of a key=value word.</summary>
    public SourceSpan ValueSpan(string file, int line) => new(file, line, ValueColumn, line, Column + Length);
}
