using DtIommu.Diagnostics;

namespace DtIommu.Syntax;

/// <summary>The diagnostics of the DTS front end (scanner, parser, tree building), declared once.</summary>
public static class SyntaxDiagnostics
{
    /// <summary>Category of parser errors, printed by dtc as <c>Error: POS message</c>.</summary>
    public const string ParserCategory = "parser";

    /// <summary>Category of scanner errors, printed as <c>Lexical error: POS message</c>.</summary>
    public const string LexicalCategory = "lexical";

    /// <summary>Category of parser warnings, printed as <c>WARNING: POS: message</c>.</summary>
    public const string ParserWarningCategory = "parser-warning";

    /// <summary>Category of fatal errors, printed as <c>FATAL ERROR: message</c>.</summary>
    public const string FatalCategory = "fatal";

    /// <summary>The input does not follow the DTS grammar.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = new("DT0001", "syntax-error",
        "Syntax error", Severity.Error,
        "The text does not follow the DTS grammar. Every file starts with /dts-v1/; properties come before subnodes; cell values are numbers, references or parenthesised expressions.",
        ParserCategory);

    /// <summary>A reference in a top-level definition names no node.</summary>
    public static readonly DiagnosticDescriptor ReferenceNotFound = new("DT0002", "label-or-path-not-found",
        "Label or path not found", Severity.Error,
        "A top-level &label { } or /delete-node/ &label; must name a label or path defined earlier in the tree.",
        ParserCategory);

    /// <summary>An error the parser detects in a value or structure (division by zero, bad /bits/, ...).</summary>
    public static readonly DiagnosticDescriptor ParserError = new("DT0003", "parser-error",
        "Invalid construct", Severity.Error,
        "The construct is syntactically valid but has no meaning: division by zero, /bits/ other than 8, 16, 32 or 64, a reference in a non-32-bit array, a property after a subnode.",
        ParserCategory);

    /// <summary>A malformed literal or directive found by the scanner.</summary>
    public static readonly DiagnosticDescriptor LexicalError = new("DT0004", "lexical-error",
        "Lexical error", Severity.Error,
        "An integer or character literal or a line marker is malformed (e.g. 09 is not octal, '' is empty).",
        LexicalCategory);

    /// <summary>A line marker with a NUL in its file name.</summary>
    public static readonly DiagnosticDescriptor NulInLineMarker = new("DT0005", "nul-in-line-marker",
        "NUL in line marker", Severity.Error,
        "A cpp line marker's file name contains an escaped NUL character.", LexicalCategory);

    /// <summary>A cell value does not fit its width and was truncated.</summary>
    public static readonly DiagnosticDescriptor ValueTruncated = new("DT0006", "value-truncated",
        "Value truncated", Severity.Warning,
        "An array element has significant bits above its width (/bits/ n); only the low n bits are kept. Negative values that fit after sign extension are accepted.",
        ParserWarningCategory);

    /// <summary>dtc would stop at once: missing file, bad option, malformed blob.</summary>
    public static readonly DiagnosticDescriptor Fatal = new("DT0007", "fatal-error",
        "Fatal error", Severity.Error,
        "The compiler cannot continue: a file is missing or unreadable, an option is invalid, or an input blob is malformed.",
        FatalCategory);
}
