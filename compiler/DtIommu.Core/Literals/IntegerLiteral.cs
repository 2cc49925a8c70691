using System;
namespace DtIommu.Literals;

/// <summary>dtc's reading of an integer literal: <c>strtoull(text, &amp;end, 0)</c> followed by optional U/L suffixes.</summary>
public static class IntegerLiteral
{
    /// <summary>
    /// Result of reading a literal: its value and the lexical errors dtc would report, if any. dtc checks the suffix
    /// and the range separately, so a literal can have both: <paramref name="Error"/> first, then <paramref name="RangeError"/>.
    /// </summary>
    public readonly record struct Result(ulong Value, string? Error, string? RangeError = null);

    /// <summary>Reads <paramref name="text"/> in base 0 (hex with 0x, octal with a leading 0, else decimal).</summary>
    public static Result Parse(string text) => Parse(text.AsSpan());

    /// <summary>Reads a literal's source bytes (one char each) as <see cref="Parse(string)"/> does.</summary>
    public static Result Parse(ReadOnlySpan<byte> text)
    {
        // A literal's bytes widened to chars: literals are short, so on the stack.
        Span<char> chars = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++) chars[i] = (char)text[i];
        return Parse((ReadOnlySpan<char>)chars);
    }

    /// <summary>Reads <paramref name="text"/> as <see cref="Parse(string)"/> does, without a string of its own.</summary>
    public static Result Parse(ReadOnlySpan<char> text)
    {
        int i = 0, radix = 10;
        if (text.Length > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            radix = 16;
            i = 2;
        }
        else if (text.Length > 0 && text[0] == '0')
        {
            radix = 8;
        }
        ulong value = 0;
        var overflow = false;
        for (; i < text.Length; i++)
        {
            var d = Digit(text[i]);
            if (d < 0 || d >= radix) break;
            var next = unchecked(value * (ulong)radix + (ulong)d);
            // Below 2^60 no digit of any base up to 16 can overflow: the exact test (a 64-bit division) only runs
            // for values that large.
            if (value > ulong.MaxValue >> 4 && value > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
            value = next;
        }
        // strtoull leaves end at the first unusable char; anything there other than U/L suffix letters is bad.
        string? bad = null;
        for (var j = i; j < text.Length; j++)
        {
            if (text[j] == 'U' || text[j] == 'L') continue;
            bad = $"Bad integer literal '{text.ToString()}'";
            break;
        }
        if (!overflow) return new Result(value, bad);
        var range = $"Integer literal '{text.ToString()}' out of range";
        return bad == null ? new Result(ulong.MaxValue, range) : new Result(ulong.MaxValue, bad, range);
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
