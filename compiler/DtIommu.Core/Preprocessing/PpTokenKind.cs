namespace DtIommu.Preprocessing;

/// <summary>Classes of preprocessing tokens, as GNU cpp lexes them in assembler-with-cpp mode.</summary>
internal enum PpTokenKind
{
    /// <summary>An identifier (letters, digits, underscore; no <c>$</c> in assembler mode).</summary>
    Identifier,
    /// <summary>A pp-number such as <c>0x1e+5</c>.</summary>
    Number,
    /// <summary>A character constant, optionally with an <c>L</c> prefix.</summary>
    CharLiteral,
    /// <summary>A string literal, optionally with an <c>L</c> prefix.</summary>
    StringLiteral,
    /// <summary>A C punctuator such as <c>&lt;&lt;</c> or <c>##</c>.</summary>
    Punctuator,
    /// <summary>Anything else: a stray character, or an unmatched quote through the end of the line.</summary>
    Other,
    /// <summary>A macro parameter reference inside a macro body.</summary>
    MacroArg,
    /// <summary>Invisible token that carries spacing information out of macro expansions.</summary>
    Padding,
    /// <summary>End of the current line (in directives), argument or file.</summary>
    EndOfInput,
}
