namespace DtIommu.Literals;

/// <summary>C's <c>strtol(s, NULL, 0)</c>: leading blanks and sign, 0x hex, leading-0 octal, else decimal; stops at junk.</summary>
public static class CNumber
{
    /// <summary>The value of the longest valid prefix of <paramref name="text"/> (0 when there is none).</summary>
    public static long Strtol(string text)
    {
        var i = 0;
        while (i < text.Length && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'))) i++;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) { negative = text[i] == '-'; i++; }
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) { radix = 16; i += 2; }
        else if (i < text.Length && text[i] == '0') radix = 8;
        long value = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0 || d >= radix) break;
            value = unchecked(value * radix + d);
        }
        return negative ? -value : value;
    }
}
