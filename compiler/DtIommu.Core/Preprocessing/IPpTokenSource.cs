namespace DtIommu.Preprocessing;

/// <summary>Where the macro expander reads unexpanded tokens from: the files being read, or one directive's line.</summary>
internal interface IPpTokenSource
{
    /// <summary>The next token; an <see cref="PpTokenKind.EndOfInput"/> token, repeatedly, at the end.</summary>
    PpToken Next();

    /// <summary>Makes the last token returned by <see cref="Next"/> the next one again.</summary>
    void Pushback(PpToken token);
}
