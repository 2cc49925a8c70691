using System;
using System.Collections.Generic;
using System.Text;

namespace DtIommu.Preprocessing;

/// <summary>
/// Splits source text into logical lines of preprocessing tokens the way GNU cpp does in assembler-with-cpp mode:
/// backslash-newlines are spliced, comments become whitespace, <c>$</c> is not an identifier character, and an
/// unmatched quote turns the rest of the line into one opaque token instead of an error.
/// </summary>
internal static class PpLexer
{
    private static readonly string[] Punctuators =
    {
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
        "+=", "-=", "&=", "^=", "|=", "##", "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/",
        "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#",
    };

    /// <summary>Lexes a whole file; <paramref name="unterminatedComment"/> receives the 1-based line and column of a comment that never ends.</summary>
    public static List<LogicalLine> LexFile(SourceFile file, Action<int, int> unterminatedComment)
    {
        string text = file.Text;
        // Splice first so that every later step sees one logical character stream; map keeps original offsets.
        var sp = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                int j = i + 1;
                while (j < text.Length && (text[j] == ' ' || text[j] == '\t')) j++;
                if (j < text.Length && text[j] == '\r' && j + 1 < text.Length && text[j + 1] == '\n') j++;
                if (j < text.Length && text[j] == '\n')
                {
                    i = j;
                    continue;
                }
            }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            sp.Append(c);
            map.Add(i);
        }
        map.Add(text.Length);
        string s = sp.ToString();

        var lines = new List<LogicalLine>();
        int pos = 0;
        while (pos <= s.Length)
        {
            if (pos == s.Length && (s.Length == 0 || s[s.Length - 1] == '\n')) break;
            int lineStart = pos;
            var tokens = new List<PpToken>();
            bool white = false;
            int gapStart = pos;
            while (true)
            {
                if (pos >= s.Length) break;
                char c = s[pos];
                if (c == '\n') break;
                if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r')
                {
                    white = true;
                    pos++;
                    continue;
                }
                if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '*')
                {
                    int close = s.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        int o = map[pos];
                        int ln = file.LineOf(o);
                        unterminatedComment(ln, o - file.LineStart(ln) + 1);
                        pos = s.Length;
                    }
                    else pos = close + 2;
                    white = true;
                    continue;
                }
                if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/')
                {
                    while (pos < s.Length && s[pos] != '\n') pos++;
                    white = true;
                    continue;
                }
                int lineEnd = s.IndexOf('\n', pos);
                if (lineEnd < 0) lineEnd = s.Length;
                var kind = Scan(s, pos, lineEnd, out int end);
                var tok = new PpToken(kind, s.Substring(pos, end - pos))
                {
                    PrevWhite = white,
                    AtLineStart = tokens.Count == 0,
                    File = file,
                    Offset = pos - lineStart,
                    EndOffset = end - lineStart,
                };
                int orig = map[pos];
                tok.Line = file.LineOf(orig);
                int physStart = file.LineStart(tok.Line);
                tok.Column = orig - physStart + 1;
                if (white)
                {
                    string gapText = s.Substring(gapStart, pos - gapStart);
                    if (tokens.Count == 0) tok.Gap = Blank(text.Substring(physStart, orig - physStart));
                    else tok.Gap = gapText.IndexOf('\n') >= 0 ? " " : Blank(gapText);
                    if (tok.Gap.Length == 0) tok.Gap = " ";
                }
                tokens.Add(tok);
                white = false;
                pos = end;
                gapStart = pos;
            }
            int first = file.LineOf(map[Math.Min(lineStart, map.Count - 1)]);
            int last = file.LineOf(map[Math.Min(pos, map.Count - 1)]);
            lines.Add(new LogicalLine(s.Substring(lineStart, pos - lineStart), tokens, first, last));
            pos++;
        }
        return lines;
    }

    /// <summary>Lexes text that has no file (a -D value, a pasted spelling); comments are treated as whitespace.</summary>
    public static List<PpToken> LexText(string s)
    {
        var tokens = new List<PpToken>();
        int pos = 0;
        bool white = false;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (char.IsWhiteSpace(c)) { white = true; pos++; continue; }
            if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '*')
            {
                int close = s.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                pos = close < 0 ? s.Length : close + 2;
                white = true;
                continue;
            }
            if (c == '/' && pos + 1 < s.Length && s[pos + 1] == '/') break;
            var kind = Scan(s, pos, s.Length, out int end);
            tokens.Add(new PpToken(kind, s.Substring(pos, end - pos)) { PrevWhite = white, Offset = pos, EndOffset = end, Column = pos + 1 });
            white = false;
            pos = end;
        }
        return tokens;
    }

    /// <summary>The token that the whole of <paramref name="s"/> spells, or null when it is not exactly one token.</summary>
    public static PpToken? LexSingle(string s)
    {
        if (s.Length == 0) return null;
        var kind = Scan(s, 0, s.Length, out int end);
        if (end != s.Length) return null;
        // A "token" that opens a comment would swallow what follows: not a valid paste.
        if (kind == PpTokenKind.Punctuator && s.Length >= 2 && s[0] == '/' && (s[1] == '/' || s[1] == '*')) return null;
        return new PpToken(kind, s);
    }

    public static bool IsIdentStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsIdentChar(char c) => IsIdentStart(c) || (c >= '0' && c <= '9');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static PpTokenKind Scan(string s, int pos, int end, out int tokenEnd)
    {
        char c = s[pos];
        if (c == 'L' && pos + 1 < end && (s[pos + 1] == '\'' || s[pos + 1] == '"'))
            return ScanQuoted(s, pos, pos + 1, end, out tokenEnd);
        if (IsIdentStart(c))
        {
            int p = pos + 1;
            while (p < end && IsIdentChar(s[p])) p++;
            tokenEnd = p;
            return PpTokenKind.Identifier;
        }
        if (IsDigit(c) || (c == '.' && pos + 1 < end && IsDigit(s[pos + 1])))
        {
            int p = pos + 1;
            while (p < end)
            {
                char d = s[p];
                if (IsIdentChar(d) || d == '.') { p++; continue; }
                if ((d == '+' || d == '-') && (s[p - 1] == 'e' || s[p - 1] == 'E' || s[p - 1] == 'p' || s[p - 1] == 'P')) { p++; continue; }
                break;
            }
            tokenEnd = p;
            return PpTokenKind.Number;
        }
        if (c == '\'' || c == '"') return ScanQuoted(s, pos, pos, end, out tokenEnd);
        foreach (var p in Punctuators)
        {
            if (p.Length <= end - pos && string.CompareOrdinal(s, pos, p, 0, p.Length) == 0)
            {
                tokenEnd = pos + p.Length;
                return PpTokenKind.Punctuator;
            }
        }
        tokenEnd = pos + 1;
        return PpTokenKind.Other;
    }

    private static PpTokenKind ScanQuoted(string s, int start, int quotePos, int end, out int tokenEnd)
    {
        char q = s[quotePos];
        int p = quotePos + 1;
        while (p < end)
        {
            char c = s[p];
            if (c == '\\' && p + 1 < end) { p += 2; continue; }
            if (c == q)
            {
                tokenEnd = p + 1;
                return q == '"' ? PpTokenKind.StringLiteral : PpTokenKind.CharLiteral;
            }
            p++;
        }
        // Assembler mode: an unmatched quote is not an error; the rest of the line is one opaque token.
        tokenEnd = end;
        return PpTokenKind.Other;
    }

    /// <summary>Whitespace kept as is, every other character (comment text, splices) turned into a space.</summary>
    public static string Blank(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s) sb.Append(c == '\t' ? '\t' : ' ');
        return sb.ToString();
    }
}
