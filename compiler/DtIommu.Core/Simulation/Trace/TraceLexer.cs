using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// The lexical rules of trace lines, hand-written for replay speed: words separated by blanks (space, tab, CR), a
/// <c>#</c> comment to the end of the line, numbers with size suffixes, permissions and directions.
/// </summary>
public static class TraceLexer
{
    /// <summary>Longest word accepted; a longer one is a located error, never an unbounded allocation.</summary>
    public const int MaxTokenLength = 1024;

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';

    /// <summary>Splits a line into tokens; null when it holds a whitespace character other than a blank, or a word longer than <see cref="MaxTokenLength"/>.</summary>
    public static IReadOnlyList<TraceToken>? Tokenize(string line)
    {
        var tokens = new List<TraceToken>();
        int i = 0, n = line.Length;
        while (i < n)
        {
            char c = line[i];
            if (IsBlank(c)) { i++; continue; }
            if (c == '#') break;
            if (char.IsWhiteSpace(c)) return null;
            int start = i;
            while (i < n && !char.IsWhiteSpace(line[i]) && line[i] != '#') i++;
            if (i - start > MaxTokenLength) return null;
            tokens.Add(new TraceToken(line.Substring(start, i - start), start + 1));
        }
        return tokens;
    }

    /// <summary>A number: <c>0x1000</c>, <c>4096</c>, <c>4K</c>, <c>1G</c>, <c>_</c> between digits; null when malformed or above 64 bits.</summary>
    public static ulong? ParseNumber(string text) => ParseNumber(text.AsSpan());

    /// <summary>As <see cref="ParseNumber(string)"/>, on a slice of a line.</summary>
    public static ulong? ParseNumber(ReadOnlySpan<char> text)
    {
        int i = 0, n = text.Length;
        int radix = 10;
        if (n >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) { radix = 16; i = 2; }
        int shift = 0;
        if (n > i && text[n - 1] > '9' && SuffixShift(text[n - 1]) is int s) { shift = s; n--; }
        if (n <= i) return null;
        ulong value = 0;
        int digits = 0;
        if (radix == 16)
        {
            // The common spelling of addresses: a tight loop of its own.
            for (; i < n; i++)
            {
                uint c = text[i];
                uint d = c - '0';
                if (d > 9)
                {
                    d = (c | 0x20) - 'a';
                    if (d > 5) { if (c == '_') continue; return null; }
                    d += 10;
                }
                if ((value >> 60) != 0) return null;
                value = (value << 4) | d;
                digits++;
            }
            if (digits == 0) return null;
            if (shift > 0 && (value >> (64 - shift)) != 0) return null;
            return value << shift;
        }
        for (; i < n; i++)
        {
            char c = text[i];
            if (c == '_') continue;
            int d = c >= '0' && c <= '9' ? c - '0' : radix == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10 : radix == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) return null;
            if (radix == 16)
            {
                if ((value >> 60) != 0) return null;
                value = (value << 4) | (uint)d;
            }
            else
            {
                if (value > (ulong.MaxValue - (ulong)d) / 10) return null;
                value = value * 10 + (ulong)d;
            }
            digits++;
        }
        if (digits == 0) return null;
        if (shift > 0 && (value >> (64 - shift)) != 0) return null;
        return value << shift;
    }

    private static int? SuffixShift(char c) => c switch
    {
        'k' or 'K' => 10,
        'm' or 'M' => 20,
        'g' or 'G' => 30,
        't' or 'T' => 40,
        _ => null,
    };

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
