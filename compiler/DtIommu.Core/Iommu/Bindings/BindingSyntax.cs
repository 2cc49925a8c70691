using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sprache;

namespace DtIommu.Iommu.Bindings;

/// <summary>What a <see cref="SyntaxTerm"/> is.</summary>
public enum TermKind
{
    /// <summary>An identifier such as <c>stream-id</c> or <c>smmu-v2</c>.</summary>
    Word,
    /// <summary>An integer, with any <c>K</c>/<c>M</c>/<c>G</c>/<c>T</c> suffix already applied.</summary>
    Number,
    /// <summary>A double-quoted string.</summary>
    String,
    /// <summary>Punctuation: <c>: = , .. ?? ( ) [ ]</c>.</summary>
    Symbol,
}

/// <summary>One token of a statement with its 1-based position.</summary>
/// <param name="Kind">Token class.</param>
/// <param name="Text">The word, string contents, symbol, or the number's source text.</param>
/// <param name="Number">The value of a number token.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SyntaxTerm(TermKind Kind, string Text, ulong Number, int Line, int Column);

/// <summary>
/// A statement of a binding file: a keyword, its terms, and an optional braced block of nested statements.
/// The syntax layer knows nothing about bindings; <see cref="BindingParser"/> gives statements their meaning.
/// </summary>
/// <param name="Keyword">The leading word.</param>
/// <param name="Terms">The terms after the keyword.</param>
/// <param name="Block">Nested statements, or null when the statement ended with <c>;</c>.</param>
public sealed record SyntaxStatement(SyntaxTerm Keyword, IReadOnlyList<SyntaxTerm> Terms, IReadOnlyList<SyntaxStatement>? Block);

/// <summary>The Sprache grammar of the statement layer of binding files.</summary>
internal static class BindingSyntax
{
    private sealed class PosTerm : IPositionAware<PosTerm>
    {
        public TermKind Kind;
        public string Text = "";
        public ulong Number;
        public int Line;
        public int Column;

        public PosTerm SetPos(Position startPos, int length)
        {
            Line = startPos.Line;
            Column = startPos.Column;
            return this;
        }

        public SyntaxTerm ToTerm() => new(Kind, Text, Number, Line, Column);
    }

    private static readonly Parser<string> LineComment =
        from open in Parse.String("//")
        from body in Parse.CharExcept("\r\n").Many().Text()
        select body;

    private static readonly Parser<string> BlockComment =
        from open in Parse.String("/*")
        from body in Parse.AnyChar.Until(Parse.String("*/")).Text()
        select body;

    private static readonly Parser<string> Skip =
        Parse.WhiteSpace.AtLeastOnce().Text().Or(LineComment).Or(BlockComment).Many().Select(_ => "");

    // Tokens eat the blanks after them, never before: a statement that cannot start must fail without consuming
    // input, or XMany would report the closing brace as an error.
    private static Parser<T> Tok<T>(Parser<T> p) =>
        from item in p
        from trailing in Skip
        select item;

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c == '#';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '#' || c == '-' || c == '+';

    private static readonly Parser<PosTerm> WordTerm =
        (from first in Parse.Char(IsWordStart, "identifier")
         from rest in Parse.Char(IsWordChar, "identifier character").Many().Text()
         select new PosTerm { Kind = TermKind.Word, Text = first + rest }).Positioned();

    private static readonly Parser<string> HexDigits =
        from prefix in Parse.String("0x").Or(Parse.String("0X"))
        from digits in Parse.Chars("0123456789abcdefABCDEF_").AtLeastOnce().Text()
        select "0x" + digits;

    private static readonly Parser<string> DecDigits = Parse.Chars("0123456789_").AtLeastOnce().Text();

    private static readonly Parser<PosTerm> NumberTerm =
        (from digits in HexDigits.Or(DecDigits)
         from suffix in Parse.Chars("KMGT").Optional()
         from stop in Parse.Char(IsWordChar, "").Not()
         select MakeNumber(digits, suffix.IsDefined ? suffix.Get() : '\0')).Positioned();

    private static PosTerm MakeNumber(string digits, char suffix)
    {
        var clean = digits.Replace("_", "");
        var text = suffix == '\0' ? digits : digits + suffix;
        // Out-of-range values become a number term with Text marking the failure; the semantic pass reports it.
        ulong value;
        var ok = clean.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.TryParse(clean.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        var shift = suffix switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (ok && shift > 0)
        {
            if (value > ulong.MaxValue >> shift) ok = false;
            else value <<= shift;
        }
        return new PosTerm { Kind = TermKind.Number, Text = ok ? text : "!" + text, Number = ok ? value : 0 };
    }

    private static readonly Parser<char> StringChar =
        Parse.Char('\\').Then(_ => Parse.AnyChar.Select(c => c switch { 'n' => '\n', 't' => '\t', _ => c }))
            .Or(Parse.CharExcept("\"\\\r\n"));

    private static readonly Parser<PosTerm> StringTerm =
        (from open in Parse.Char('"')
         from body in StringChar.Many().Text()
         from close in Parse.Char('"').Named("closing quote")
         select new PosTerm { Kind = TermKind.String, Text = body }).Positioned();

    private static readonly Parser<PosTerm> SymbolTerm =
        (from s in Parse.String("..").Or(Parse.String("??")).Or(Parse.Chars(":=,()[]").Once()).Text()
         select new PosTerm { Kind = TermKind.Symbol, Text = s }).Positioned();

    private static readonly Parser<SyntaxTerm> Term =
        Tok(StringTerm.Or(NumberTerm).Or(WordTerm).Or(SymbolTerm)).Select(t => t.ToTerm());

    // Not Parse.Ref: its memo turns XMany's second look at a failed position into a ParseException.
    private static readonly Parser<SyntaxStatement> StatementRef = input => Statement!(input);

    private static readonly Parser<SyntaxStatement> Statement =
        from keyword in Tok(WordTerm).Select(t => t.ToTerm()).Named("statement")
        from terms in Term.Many()
        from end in Tok(Parse.Char(';')).Return((IReadOnlyList<SyntaxStatement>?)null)
            .Or(from open in Tok(Parse.Char('{'))
                from body in StatementRef.XMany()
                from close in Tok(Parse.Char('}')).Named("'}'")
                select (IReadOnlyList<SyntaxStatement>?)body.ToList())
            .Named("';' or '{'")
        select new SyntaxStatement(keyword, terms.ToList(), end);

    private static readonly Parser<List<SyntaxStatement>> File =
        from leading in Skip
        from statements in Statement.XMany()
        from end in Parse.AnyChar.Not().Named("end of file")
        select statements.ToList();

    /// <summary>Parses a whole file, or returns the position and message of the first syntax error.</summary>
    public static List<SyntaxStatement>? ParseFile(string text, out int errorLine, out int errorColumn, out string? error)
    {
        errorLine = errorColumn = 0;
        error = null;
        IResult<List<SyntaxStatement>> result;
        try
        {
            result = File.TryParse(text);
        }
        catch (ParseException e)
        {
            errorLine = e.Position?.Line ?? 1;
            errorColumn = e.Position?.Column ?? 1;
            error = e.Message;
            // Sprache puts the position only into the message of some exceptions.
            if (SpracheFailure(e.Message) is var (what, line, column))
            {
                error = what;
                errorLine = line;
                errorColumn = column;
            }
            return null;
        }
        if (result.WasSuccessful) return result.Value;
        errorLine = result.Remainder.Line;
        errorColumn = result.Remainder.Column;
        var found = result.Remainder.AtEnd ? "end of file" : "'" + result.Remainder.Current + "'";
        var expected = result.Expectations.Where(e => e.Length > 0).Distinct().ToList();
        error = expected.Count > 0
            ? $"unexpected {found}; expected {string.Join(" or ", expected)}"
            : $"unexpected {found}";
        return null;
    }

    /// <summary>
    /// The failure and position of Sprache's "Parsing failure: WHAT (Line N, Column M)" message (the last such
    /// position on its first line), or null for any other message.
    /// </summary>
    internal static (string What, int Line, int Column)? SpracheFailure(string message)
    {
        const string Prefix = "Parsing failure: ";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var firstLine = message.IndexOf('\n') is var nl and >= 0 ? message.Substring(0, nl) : message;
        for (var at = firstLine.LastIndexOf(" (Line ", StringComparison.Ordinal); at >= Prefix.Length; at = firstLine.LastIndexOf(" (Line ", at - 1, StringComparison.Ordinal))
        {
            var i = at + " (Line ".Length;
            if (Digits(firstLine, ref i) is { } line && firstLine.AsSpan(i).StartsWith(", Column ".AsSpan(), StringComparison.Ordinal))
            {
                i += ", Column ".Length;
                if (Digits(firstLine, ref i) is { } column && i < firstLine.Length && firstLine[i] == ')')
                    return (firstLine.Substring(Prefix.Length, at - Prefix.Length), line, column);
            }
        }
        return null;
    }

    // A run of ASCII digits at `i` as a number (moving past it), or null when none or too large.
    private static int? Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is >= '0' and <= '9') i++;
        return i > start && int.TryParse(text.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
