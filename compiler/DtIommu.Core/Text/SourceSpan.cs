namespace DtIommu.Text;

/// <summary>A range of source text: 1-based line and column, end column exclusive, as dtc reports positions.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>An empty span at one point.</summary>
    public static SourceSpan At(string file, int line, int column) => new(file, line, column, line, column);

    /// <summary>The span from the start of this one to the end of <paramref name="other"/>.</summary>
    public SourceSpan To(SourceSpan other) => new(File, Line, Column, other.EndLine, other.EndColumn);

    /// <summary>dtc's rendering: <c>FILE:L.C-C</c>, <c>FILE:L1.C1-L2.C2</c>, or <c>FILE:L.C</c> when empty.</summary>
    public string ToDtcString()
    {
        if (Line == EndLine && Column == EndColumn) return $"{File}:{Line}.{Column}";
        if (Line == EndLine) return $"{File}:{Line}.{Column}-{EndColumn}";
        return $"{File}:{Line}.{Column}-{EndLine}.{EndColumn}";
    }

    /// <inheritdoc/>
    public override string ToString() => ToDtcString();
}
