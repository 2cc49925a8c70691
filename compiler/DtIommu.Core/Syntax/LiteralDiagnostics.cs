using System;
using DtIommu.Diagnostics;
using DtIommu.Literals;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// dtc's scanner errors on literals, reported when the literal is scanned (as dtc's flex actions do), so they come
/// out before a later syntax error and in dtc's order relative to the parser's own errors.
/// </summary>
internal static class LiteralDiagnostics
{
    public static void Check(DtsToken token, DiagnosticBag diagnostics)
    {
        if (token.Type == DtsParser.LITERAL && !IsNumber(token))
        {
            diagnostics.Report(SyntaxDiagnostics.LexicalError, $"Unexpected '{token.Text}'", token.Span);
            return;
        }
        if (token.Type == DtsParser.LITERAL)
        {
            if (CannotFail(token.Bytes)) return;
            var literal = IntegerLiteral.Parse(token.Bytes);
            if (literal.Error is { } error)
                diagnostics.Report(SyntaxDiagnostics.LexicalError, error, token.Span);
            if (literal.RangeError is { } range)
                diagnostics.Report(SyntaxDiagnostics.LexicalError, range, token.Span);
            return;
        }
        // dtc decodes a string's escapes in the scanner, so a bad "\x" stops it as soon as the string is read.
        if (token.Type == DtsParser.STRING)
        {
            if (token.Bytes.IndexOf("\\x"u8) >= 0) EscapeDecoder.Decode(token.Slice(1, 1));
            return;
        }
        if (token.Type != DtsParser.CHAR_LITERAL) return;
        var decoded = EscapeDecoder.Decode(token.Slice(1, 1));
        if (decoded.Length == 0)
            diagnostics.Report(SyntaxDiagnostics.LexicalError, "Empty character literal", token.Span);
        else if (decoded.Length > 1)
            diagnostics.Report(SyntaxDiagnostics.LexicalError, $"Character literal has {decoded.Length} characters instead of 1", token.Span);
    }

    /// <summary>
    /// True for a literal as the scanner matched it (digits, then U/L suffix letters) that no digit makes bad and
    /// no length can make overflow: at most 16 hex digits, 21 octal or 19 decimal ones. Almost every literal of a
    /// board; the rest are parsed for their messages.
    /// </summary>
    private static bool CannotFail(ReadOnlySpan<byte> literal)
    {
        var end = literal.Length;
        while (end > 0 && literal[end - 1] is (byte)'U' or (byte)'L') end--;
        if (end > 2 && literal[1] is (byte)'x' or (byte)'X') return end - 2 <= 16;
        if (literal[0] != '0') return end <= 19;
        for (var i = 1; i < end; i++)
            if (literal[i] > '7') return false;
        return end <= 21;
    }

    /// <summary>False for a bare word the scanner passed on as a literal (its value is 0).</summary>
    public static bool IsNumber(DtsToken literal) => literal.Bytes[0] is >= (byte)'0' and <= (byte)'9';

    /// <summary>Reports a /bits/ width other than 8, 16, 32 or 64.</summary>
    public static void CheckBits(DtsToken width, DiagnosticBag diagnostics)
    {
        var bits = IsNumber(width) ? IntegerLiteral.Parse(width.Bytes).Value : 0;
        if (bits is not (8 or 16 or 32 or 64))
            diagnostics.Report(SyntaxDiagnostics.ParserError, "Array elements must be 8, 16, 32 or 64-bits", width.Span);
    }
}
