using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sprache;

namespace DtIommu.Simulation.Trace;

/// <summary>The Sprache grammar of trace lines and literals: words, comments, numbers with size suffixes, permissions.</summary>
public static class TraceLexer
{
    private static readonly Parser<string> Spaces = Parse.Chars(' ', '\t', '\r').Many().Text();

    private static readonly Parser<TraceToken> Word =
        Parse.Char(c => !char.IsWhiteSpace(c) && c != '#', "word").AtLeastOnce().Text()
            .Select(t => new TraceToken(t)).Positioned();

    private static readonly Parser<string> Comment = Parse.Char('#').Then(_ => Parse.AnyChar.Many().Text());

    /// <summary>A whole line: words separated by blanks, then an optional comment.</summary>
    public static readonly Parser<IEnumerable<TraceToken>> Line =
        from lead in Spaces
        from words in Word.Then(w => Spaces.Return(w)).Many()
        from comment in Comment.Optional()
        select words;

    private static readonly Parser<(string Digits, int Radix)> HexDigits =
        from prefix in Parse.String("0x").Or(Parse.String("0X"))
        from digits in Parse.Chars("0123456789abcdefABCDEF_").AtLeastOnce().Text()
        select (digits.Replace("_", ""), 16);

    private static readonly Parser<(string Digits, int Radix)> DecDigits =
        Parse.Chars("0123456789_").AtLeastOnce().Text().Select(d => (d.Replace("_", ""), 10));

    private static readonly Parser<int> Suffix =
        Parse.Chars("kKmMgGtT").Select(c => char.ToUpperInvariant(c) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 40 });

    /// <summary>A number: <c>0x1000</c>, <c>4096</c>, <c>4K</c>, <c>1G</c>; the result says whether it overflowed.</summary>
    public static readonly Parser<ulong?> Number =
        from digits in HexDigits.Or(DecDigits)
        from shift in Suffix.Optional()
        select Convert(digits.Digits, digits.Radix, shift.GetOrElse(0));

    private static ulong? Convert(string digits, int radix, int shift)
    {
        if (digits.Length == 0) return null;
        ulong value;
        if (radix == 16)
        {
            if (digits.TrimStart('0').Length > 16) return null;
            value = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return null;
        if (shift > 0 && (value >> (64 - shift)) != 0) return null;
        return value << shift;
    }

    /// <summary>Parses a number literal; null when it is malformed or does not fit 64 bits.</summary>
    public static ulong? ParseNumber(string text)
    {
        var r = Number.End().TryParse(text);
        return r.WasSuccessful ? r.Value : null;
    }

    /// <summary>Splits a line into tokens.</summary>
    public static IReadOnlyList<TraceToken>? Tokenize(string line)
    {
        var r = Line.End().TryParse(line);
        return r.WasSuccessful ? r.Value.ToList() : null;
    }

    /// <summary>Permission words: r, w, rw (also read, write, read-write) and none.</summary>
    public static DmaPermission? ParsePermission(string text) => text.ToLowerInvariant() switch
    {
        "r" or "ro" or "read" => DmaPermission.Read,
        "w" or "wo" or "write" => DmaPermission.Write,
        "rw" or "read-write" => DmaPermission.ReadWrite,
        "none" => DmaPermission.None,
        _ => (DmaPermission?)null,
    };

    /// <summary>Directions: read, write.</summary>
    public static DmaDirection? ParseDirection(string text) => text.ToLowerInvariant() switch
    {
        "read" or "r" => DmaDirection.Read,
        "write" or "w" => DmaDirection.Write,
        _ => (DmaDirection?)null,
    };

    /// <summary>Splits a comma-separated list.</summary>
    public static string[] SplitList(string text) => text.Split(new[] { ',' }, StringSplitOptions.None);
}
