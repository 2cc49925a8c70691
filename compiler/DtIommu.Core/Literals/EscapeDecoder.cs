using System.Text;
using DtIommu.Diagnostics;

namespace DtIommu.Literals;

/// <summary>
/// Decodes the escapes of strings, char literals and line-marker names as dtc's <c>get_escape_char</c> does,
/// including its quirks: octal takes up to 3 digits and hex up to 2 through <c>strtol</c> on a fixed window, so a
/// sign or leading blank inside the window is accepted (<c>"\x-1"</c> is 0xff).
/// </summary>
public static class EscapeDecoder
{
    /// <summary>
    /// Decodes <paramref name="raw"/> (the text between the quotes) into one char per byte. The window may look
    /// past the end, at the closing quote, exactly as dtc reads its buffer.
    /// </summary>
    public static string Decode(string raw)
    {
        // dtc's window can reach the closing quote (and beyond); a quote never parses as a digit, so appending it
        // reproduces dtc without reading past our string.
        var s = raw + "\"";
        var len = raw.Length;
        var sb = new StringBuilder(len);
        var i = 0;
        while (i < len)
        {
            var c = s[i++];
            if (c == '\\' && i < s.Length)
                c = EscapeChar(s, ref i);
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static char EscapeChar(string s, ref int i)
    {
        var c = s[i];
        var j = i + 1;
        char val;
        switch (c)
        {
            case 'a': val = '\a'; break;
            case 'b': val = '\b'; break;
            case 't': val = '\t'; break;
            case 'n': val = '\n'; break;
            case 'v': val = '\v'; break;
            case 'f': val = '\f'; break;
            case 'r': val = '\r'; break;
            case >= '0' and <= '7':
                j = i;
                val = (char)(byte)StrtolWindow(s, ref j, 3, 8);
                break;
            case 'x':
                var before = j;
                var v = StrtolWindow(s, ref j, 2, 16);
                if (j == before) throw new FatalCompilationException("\\x used with no following hex digits");
                val = (char)(byte)v;
                break;
            default:
                val = c;
                break;
        }
        i = j;
        return val;
    }

    /// <summary>C's <c>strtol</c> over at most <paramref name="width"/> chars starting at <paramref name="pos"/>.</summary>
    private static long StrtolWindow(string s, ref int pos, int width, int radix)
    {
        var end = System.Math.Min(s.Length, pos + width);
        var p = pos;
        while (p < end && IsCSpace(s[p])) p++;
        var negative = false;
        if (p < end && (s[p] == '+' || s[p] == '-')) { negative = s[p] == '-'; p++; }
        long value = 0;
        var digitsStart = p;
        while (p < end)
        {
            var d = Digit(s[p]);
            if (d < 0 || d >= radix) break;
            value = value * radix + d;
            p++;
        }
        if (p == digitsStart) return 0; // no conversion: strtol leaves endptr at the window start
        pos = p;
        return negative ? -value : value;
    }

    private static bool IsCSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
