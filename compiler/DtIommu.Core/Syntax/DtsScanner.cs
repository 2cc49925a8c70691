using System;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// dtc's flex scanner (dtc-lexer.l) written out by hand over one file's bytes, as flex reads them. Like flex
/// it takes the longest match at each position and, between matches of equal length, the rule listed first in dtc's
/// scanner. Its start conditions are <see cref="ScanMode"/>s: the initial state, the value state, the state after <c>{</c>,
/// <c>;</c> and the deleting keywords, where the next word is a node or property name, and the state inside
/// <c>[ ]</c>, where two hex digits make a byte. Blanks and comments are skipped; every other character becomes a
/// token, <c>OTHER</c> when no rule wants it, so the parser reports it.
/// A table-driven scanner would rebuild its automaton in every process: Kbuild runs one per board, and that
/// start-up cost was most of a small board's compile.
/// </summary>
internal sealed class DtsScanner
{
    private readonly byte[] _text;
    private int _pos;
    private int _line = 1;
    private int _column;

    /// <summary>Scans <paramref name="text"/> from its start, in dtc's initial state.</summary>
    public DtsScanner(byte[] text) => _text = text;

    /// <summary>The file's bytes.</summary>
    public byte[] Text => _text;

    /// <summary>The start condition; dtc's is global, so an included file continues in its includer's.</summary>
    public ScanMode Mode { get; set; }

    /// <summary>The 1-based line of the next character.</summary>
    public int Line => _line;

    /// <summary>The 0-based column of the next character.</summary>
    public int Column => _column;

    /// <summary>
    /// Where the last lexeme matched (a token, blanks, a comment) starts and ends, physical line and 0-based
    /// column: dtc's location at end of input is that lexeme's.
    /// </summary>
    public (int StartLine, int StartColumn, int EndLine, int EndColumn) LastLexeme { get; private set; }

    /// <summary>How many lexemes were matched so far.</summary>
    public int Lexemes { get; private set; }

    /// <summary>
    /// The next token: its type (a <see cref="DtsParser"/> token type, <c>-1</c> at end of input), first and last
    /// character index, and the line and column where it starts.
    /// </summary>
    public (int Type, int Start, int Stop, int Line, int Column) Next()
    {
        while (true)
        {
            var start = _pos;
            int line = _line, column = _column;
            if (start >= _text.Length) return (-1, start, start - 1, line, column);
            if (IsBlank(_text[start]))
            {
                // Blanks (one lexeme, as dtc's WS+ rule) come before nearly every token: read here, with the lines
                // and columns counted as they are read.
                SkipBlanks();
                LastLexeme = (line, column, _line, _column);
                Lexemes++;
                continue;
            }
            var (type, length) = Match(start);
            if (type is DtsParser.PROPNODENAME or DtsParser.LABEL or DtsParser.LITERAL or DtsParser.LABEL_REF ||
                (length == 1 && type != Skip))
            {
                // Words and single characters hold no newline.
                _pos += length;
                _column += length;
            }
            else
            {
                Advance(length);
            }
            LastLexeme = (line, column, _line, _column);
            Lexemes++;
            if (type == Skip) continue;
            return (type, start, start + length - 1, line, column);
        }
    }

    private const int Skip = 0;

    private (int Type, int Length) Match(int p)
    {
        var c = (char)_text[p];
        switch (c)
        {
            case '/':
                return MatchSlash(p);
            case '"':
            {
                var n = StringLength(p);
                return n > 0 ? (DtsParser.STRING, n) : Other(p);
            }
            case '\'':
            {
                var n = CharLiteralLength(p);
                return n > 0 ? (DtsParser.CHAR_LITERAL, n) : Other(p);
            }
            case '#' when _column == 0:
            {
                // A cpp line marker is recognised only at the start of a line (flex's '^').
                var n = LineMarkerLength(p);
                if (n > 0) return (DtsParser.LINE_MARKER, n);
                break;
            }
            case '&':
                return MatchAmpersand(p);
            case '<': return Pair(p, '<', DtsParser.LSHIFT, '=', DtsParser.LE, DtsParser.LT);
            case '>': return Pair(p, '>', DtsParser.RSHIFT, '=', DtsParser.GE, DtsParser.GT);
            case '=': return Pair(p, '=', DtsParser.EQ, '\0', 0, DtsParser.ASSIGN);
            case '!': return Pair(p, '=', DtsParser.NE, '\0', 0, DtsParser.BANG);
            case '|': return Pair(p, '|', DtsParser.OR, '\0', 0, DtsParser.PIPE);
            case '{': Mode = ScanMode.PropNodeName; return (DtsParser.LBRACE, 1);
            case ';': Mode = ScanMode.PropNodeName; return (DtsParser.SEMI, 1);
            case '[': Mode = ScanMode.ByteString; return (DtsParser.LBRACK, 1);
            case ']':
                if (Mode == ScanMode.ByteString) Mode = ScanMode.Value;
                return (DtsParser.RBRACK, 1);
        }

        // Words: labels everywhere, then what each state makes of the rest. A label's identifier is also the start
        // of a name (its characters are name characters), so it is scanned once.
        var identifier = IsLabelStart(c) ? IdentifierLength(p) : 0;
        var label = identifier > 0 && p + identifier < _text.Length && _text[p + identifier] == ':' ? identifier + 1 : 0;
        switch (Mode)
        {
            case ScanMode.PropNodeName:
            {
                // A label's ':' is no name character, so the name stops where the label's identifier does and the
                // label is the longer match.
                if (label > 0) return (DtsParser.LABEL, label);
                var name = PropNodeNameLength(p, identifier);
                if (name > 0) { Mode = ScanMode.Value; return (DtsParser.PROPNODENAME, name); }
                break;
            }
            case ScanMode.ByteString:
                // A label is at least two characters and a byte exactly two, never both: "ab:" is a label.
                if (label > 0) return (DtsParser.LABEL, label);
                if (IsHex(c) && p + 1 < _text.Length && IsHex(_text[p + 1])) return (DtsParser.BYTE, 2);
                break;
            case ScanMode.Value:
                if (label > 0) return (DtsParser.LABEL, label);
                if (c >= '0' && c <= '9') return (DtsParser.LITERAL, LiteralLength(p));
                // dtc 1.8.1 takes a bare word here (a macro cpp did not expand, say) for a literal 0, with the
                // lexical error "Unexpected 'word'" (see LiteralDiagnostics).
                if (identifier > 0) return (DtsParser.LITERAL, identifier);
                break;
            default:
                if (label > 0) return (DtsParser.LABEL, label);
                break;
        }
        return Single(p);
    }

    private (int, int) Single(int p) => (char)_text[p] switch
    {
        '}' => (DtsParser.RBRACE, 1),
        '(' => (DtsParser.LPAREN, 1),
        ')' => (DtsParser.RPAREN, 1),
        ',' => (DtsParser.COMMA, 1),
        '+' => (DtsParser.PLUS, 1),
        '-' => (DtsParser.MINUS, 1),
        '*' => (DtsParser.STAR, 1),
        '%' => (DtsParser.PERCENT, 1),
        '^' => (DtsParser.CARET, 1),
        '~' => (DtsParser.TILDE, 1),
        '?' => (DtsParser.QUESTION, 1),
        ':' => (DtsParser.COLON, 1),
        _ => Other(p),
    };

    /// <summary>
    /// A character no rule wants. dtc's catch-all rule returns the character itself as the token, and a signed
    /// <c>char</c> makes NUL and every byte from 0x80 zero or negative, which its parser takes for end of input.
    /// </summary>
    private (int, int) Other(int p) => _text[p] == '\0' || _text[p] >= '\u0080' ? (EndOfInputByte, 1) : (DtsParser.OTHER, 1);

    /// <summary>The type of a byte that ends the input where it stands (see <see cref="Other"/>).</summary>
    public const int EndOfInputByte = -1;

    private (int, int) Pair(int p, char second, int pairType, char altSecond, int altType, int singleType)
    {
        if (p + 1 < _text.Length)
        {
            var d = _text[p + 1];
            if (d == second) return (pairType, 2);
            if (altSecond != '\0' && d == altSecond) return (altType, 2);
        }
        return (singleType, 1);
    }

    private (int, int) MatchSlash(int p)
    {
        if (p + 1 < _text.Length)
        {
            var d = _text[p + 1];
            if (d == '*')
            {
                var n = BlockCommentsLength(p);
                if (n > 0) return (Skip, n);
            }
            else if (d == '/')
            {
                var n = LineCommentsLength(p);
                if (n > 0) return (Skip, n);
            }
            else if (d >= 'a' && d <= 'z')
            {
                if (StartsWith(p, "/include/"u8))
                {
                    var n = IncludeLength(p);
                    if (n > 0) return (DtsParser.INCLUDE, n);
                }
                if (StartsWith(p, "/dts-v1/"u8)) { Mode = ScanMode.Value; return (DtsParser.V1, 8); }
                if (StartsWith(p, "/plugin/"u8)) return (DtsParser.PLUGIN, 8);
                if (StartsWith(p, "/memreserve/"u8)) { Mode = ScanMode.Value; return (DtsParser.MEMRESERVE, 12); }
                if (StartsWith(p, "/bits/"u8)) { Mode = ScanMode.Value; return (DtsParser.BITS, 6); }
                if (StartsWith(p, "/delete-property/"u8)) { Mode = ScanMode.PropNodeName; return (DtsParser.DEL_PROP, 17); }
                if (StartsWith(p, "/delete-node/"u8)) { Mode = ScanMode.PropNodeName; return (DtsParser.DEL_NODE, 13); }
                if (StartsWith(p, "/omit-if-no-ref/"u8)) { Mode = ScanMode.PropNodeName; return (DtsParser.OMIT_NO_REF, 16); }
                // dtc knows /incbin/ only in its inclusive states (before /dts-v1/ and in values).
                if (Mode is ScanMode.Value or ScanMode.Initial && StartsWith(p, "/incbin/"u8)) return (DtsParser.INCBIN, 8);
            }
        }
        return (DtsParser.SLASH, 1);
    }

    private (int, int) MatchAmpersand(int p)
    {
        if (p + 1 < _text.Length)
        {
            var d = _text[p + 1];
            if (d == '&') return (DtsParser.AND, 2);
            if (d == '{')
            {
                var i = p + 2;
                while (i < _text.Length && (IsPropNodeChar(_text[i]) || _text[i] == '/')) i++;
                if (i < _text.Length && _text[i] == '}') return (DtsParser.PATH_REF, i + 1 - p);
            }
            else if (IsLabelStart(d))
            {
                return (DtsParser.LABEL_REF, 1 + IdentifierLength(p + 1));
            }
        }
        return (DtsParser.AMP, 1);
    }

    // ------------------------------------------------------------------ patterns

    /// <summary><c>"/*" .*? "*/"</c>, repeated while the next one follows at once; 0 when the first is unclosed.</summary>
    private int BlockCommentsLength(int p)
    {
        var i = p;
        while (i + 1 < _text.Length && _text[i] == '/' && _text[i + 1] == '*')
        {
            var close = _text.AsSpan(i + 2).IndexOf("*/"u8);
            if (close < 0) break;
            i += 2 + close + 2;
        }
        return i - p;
    }

    /// <summary><c>"//" [^\n]* "\n"</c>, repeated; a comment without its newline (at end of file) does not match.</summary>
    private int LineCommentsLength(int p)
    {
        var i = p;
        while (i + 1 < _text.Length && _text[i] == '/' && _text[i + 1] == '/')
        {
            var newline = _text.AsSpan(i + 2).IndexOf((byte)'\n');
            if (newline < 0) break;
            i += 2 + newline + 1;
        }
        return i - p;
    }

    /// <summary><c>/include/</c>, blanks, then a string; 0 when no string follows.</summary>
    private int IncludeLength(int p)
    {
        var i = p + "/include/"u8.Length;
        while (i < _text.Length && IsBlank(_text[i])) i++;
        if (i >= _text.Length || _text[i] != '"') return 0;
        var s = StringLength(i);
        return s > 0 ? i + s - p : 0;
    }

    /// <summary><c>'"' ([^"\\] | '\\' [^\n])* '"'</c>; 0 when unterminated.</summary>
    private int StringLength(int p)
    {
        var i = p + 1;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '"') return i + 1 - p;
            if (c == '\\')
            {
                if (i + 1 >= _text.Length || _text[i + 1] == '\n') return 0;
                i += 2;
            }
            else
            {
                i++;
            }
        }
        return 0;
    }

    /// <summary>
    /// <c>"'" ([^'] | "\\'")* "'"</c>, longest: a quote inside must follow a backslash, so the literal ends at the last
    /// quote before the first one that does not (0 when there is no closing quote).
    /// </summary>
    private int CharLiteralLength(int p)
    {
        var end = 0;
        for (var i = p + 1; i < _text.Length; i++)
        {
            if (_text[i] != '\'') continue;
            end = i + 1 - p;
            if (_text[i - 1] != '\\' || i - 1 == p) break;
        }
        return end;
    }

    /// <summary><c>'#' 'line'? [ \t]+ [0-9]+ [ \t]+ string ([ \t]+ [0-9]+)*</c>; 0 when it is not one.</summary>
    private int LineMarkerLength(int p)
    {
        var i = p + 1;
        if (StartsWith(i, "line"u8)) i += 4;
        if (!SkipSpaceTab(ref i)) return 0;
        if (!SkipDigits(ref i)) return 0;
        if (!SkipSpaceTab(ref i)) return 0;
        if (i >= _text.Length || _text[i] != '"') return 0;
        var s = StringLength(i);
        if (s == 0) return 0;
        i += s;
        while (true)
        {
            var j = i;
            if (!SkipSpaceTab(ref j) || !SkipDigits(ref j)) break;
            i = j;
        }
        return i - p;
    }

    private bool SkipSpaceTab(ref int i)
    {
        var start = i;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t')) i++;
        return i > start;
    }

    private bool SkipDigits(ref int i)
    {
        var start = i;
        while (i < _text.Length && _text[i] >= '0' && _text[i] <= '9') i++;
        return i > start;
    }

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c> at a character that starts one (a label's or a bare word's).</summary>
    private int IdentifierLength(int p)
    {
        var i = p + 1;
        while (i < _text.Length && IsLabelChar(_text[i])) i++;
        return i - p;
    }

    /// <summary>
    /// <c>'\\'? [a-zA-Z0-9,._+*#?@-]+</c>; 0 when it is not a name. The first <paramref name="known"/> characters are
    /// already known to be name characters.
    /// </summary>
    private int PropNodeNameLength(int p, int known)
    {
        var first = _text[p] == '\\' ? p + 1 : p;
        var i = first + known;
        while (i < _text.Length && IsPropNodeChar(_text[i])) i++;
        return i > first ? i - p : 0;
    }

    /// <summary><c>([0-9]+ | '0' [xX] [0-9a-fA-F]+) ('U' | 'L' | 'UL' | 'LL' | 'ULL')?</c>, at a digit.</summary>
    private int LiteralLength(int p)
    {
        var i = p;
        if (_text[p] == '0' && p + 2 < _text.Length && (_text[p + 1] == 'x' || _text[p + 1] == 'X') && IsHex(_text[p + 2]))
        {
            i = p + 2;
            while (i < _text.Length && IsHex(_text[i])) i++;
        }
        else
        {
            while (i < _text.Length && _text[i] >= '0' && _text[i] <= '9') i++;
        }
        if (StartsWith(i, "ULL"u8)) return i + 3 - p;
        if (StartsWith(i, "UL"u8) || StartsWith(i, "LL"u8)) return i + 2 - p;
        if (i < _text.Length && (_text[i] == 'U' || _text[i] == 'L')) return i + 1 - p;
        return i - p;
    }

    // ------------------------------------------------------------------ characters

    private bool StartsWith(int p, ReadOnlySpan<byte> word) =>
        p + word.Length <= _text.Length && _text.AsSpan(p, word.Length).SequenceEqual(word);

    private void SkipBlanks()
    {
        var text = _text;
        int i = _pos, line = _line, column = _column;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 0;
            }
            else if (IsBlank(c))
            {
                column++;
            }
            else
            {
                break;
            }
        }
        _pos = i;
        _line = line;
        _column = column;
    }

    private void Advance(int length)
    {
        var end = _pos + length;
        for (var i = _pos; i < end; i++)
        {
            if (_text[i] == '\n') { _line++; _column = 0; }
            else _column++;
        }
        _pos = end;
    }

    private static bool IsBlank(int c) => c == ' ' || (c >= '\t' && c <= '\r');

    // dtc's character classes by character (everything from 0x80 is in none): a label's first character, a label's
    // other characters, a node or property name's characters, hex digits.
    private const byte LabelStartClass = 1;
    private const byte LabelClass = 2;
    private const byte NameClass = 4;
    private const byte HexClass = 8;

    private static ReadOnlySpan<byte> Classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 0,
        14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 0, 0, 0, 0, 0, 4,
        4, 15, 15, 15, 15, 15, 15, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 7,
        0, 15, 15, 15, 15, 15, 15, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0,
    ];

    private static bool Is(int c, byte classes) => c < 128 && (Classes[c] & classes) != 0;

    private static bool IsHex(int c) => Is(c, HexClass);

    private static bool IsLabelStart(int c) => Is(c, LabelStartClass);

    private static bool IsLabelChar(int c) => Is(c, LabelClass);

    private static bool IsPropNodeChar(int c) => Is(c, NameClass);
}
