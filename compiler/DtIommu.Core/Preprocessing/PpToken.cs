namespace DtIommu.Preprocessing;

/// <summary>One preprocessing token with the spacing and position facts that cpp keeps for it.</summary>
internal sealed class PpToken
{
    public PpToken(PpTokenKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public PpTokenKind Kind { get; }

    public string Text { get; }

    /// <summary>Whitespace (or a comment) preceded the token.</summary>
    public bool PrevWhite { get; set; }

    /// <summary>First token of a logical source line.</summary>
    public bool AtLineStart { get; set; }

    /// <summary>An identifier that must never be expanded again (it named a macro disabled at the time).</summary>
    public bool NoExpand { get; set; }

    /// <summary>The token is the left operand of <c>##</c> in a macro body.</summary>
    public bool PasteLeft { get; set; }

    /// <summary>A macro parameter preceded by <c>#</c> in a function-like macro body.</summary>
    public bool Stringify { get; set; }

    /// <summary>For <see cref="PpTokenKind.MacroArg"/>: zero-based parameter index.</summary>
    public int ArgIndex { get; set; }

    /// <summary>For <see cref="PpTokenKind.Padding"/>: the token whose spacing it stands for, or null.</summary>
    public PpToken? Source { get; set; }

    /// <summary>The file the token was lexed from; null for tokens made by the preprocessor.</summary>
    public SourceFile? File { get; set; }

    /// <summary>1-based physical line in <see cref="File"/>.</summary>
    public int Line { get; set; }

    /// <summary>1-based column in <see cref="File"/>.</summary>
    public int Column { get; set; }

    /// <summary>Offset of the token in its logical line's spliced text.</summary>
    public int Offset { get; set; }

    /// <summary>Offset just past the token in its logical line's spliced text.</summary>
    public int EndOffset { get; set; }

    /// <summary>The original whitespace before the token, comments blanked, so untouched lines keep their columns.</summary>
    public string Gap { get; set; } = "";

    public bool Is(string punctuator) => Kind == PpTokenKind.Punctuator && Text == punctuator;

    /// <summary>A copy that can carry different flags without disturbing the original.</summary>
    public PpToken Clone() => (PpToken)MemberwiseClone();

    public override string ToString() => Text;
}
