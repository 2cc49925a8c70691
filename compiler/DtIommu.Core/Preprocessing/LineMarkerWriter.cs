using System.Text;

namespace DtIommu.Preprocessing;

/// <summary>
/// Writes preprocessed text the way GNU cpp's -E output does: <c># LINE "FILE" FLAGS</c> markers on entering and
/// leaving files, blank lines (up to 7) or a re-sync marker after skipped lines, and a space between tokens exactly
/// where cpp puts one, so that a device-tree lexer reading the text sees cpp's tokens at cpp's lines. Lines that no
/// macro touched keep their original whitespace, so columns are those of the source.
/// </summary>
internal sealed class LineMarkerWriter
{
    private readonly StringBuilder _out = new();
    private int _srcLine;
    private bool _printed;
    private bool _avoidPaste;
    private bool _synced;
    private bool _indented;
    private bool _atLineStart;
    private PpToken? _prev;
    private PpToken? _source;

    public string Text => _out.ToString();

    /// <summary>The preamble cpp 12 writes before the main file's first line.</summary>
    public void Begin(string mainName)
    {
        string quoted = Quote(mainName);
        _out.Append("# 0 ").Append(quoted).Append('\n');
        _out.Append("# 0 \"<built-in>\"\n# 0 \"<command-line>\"\n");
        _out.Append("# 1 ").Append(quoted).Append('\n');
        _srcLine = 1;
    }

    /// <summary>The first token of a source line is about to be written: move the output to that line.</summary>
    public void LineChange(int line, string file, PpToken first)
    {
        MaybePrintLine(line, file);
        _prev = null;
        _source = null;
        _printed = true;
        _synced = true;
        // cpp indents to the first token's column even when that token is a macro name that is not printed; the
        // original indentation does the same and keeps tabs.
        string indent = first.PrevWhite ? first.Gap : "";
        _out.Append(indent);
        _indented = indent.Length > 0;
        _atLineStart = true;
    }

    /// <summary>Writes a token (or records a padding token's spacing request).</summary>
    public void Token(PpToken token, bool fromSource)
    {
        if (token.Kind == PpTokenKind.Padding)
        {
            _avoidPaste = true;
            if (_source == null || (!_source.PrevWhite && token.Source == null)) _source = token.Source;
            return;
        }

        bool space;
        if (_avoidPaste)
        {
            var src = _source ?? token;
            space = src.PrevWhite || (_prev != null && AvoidPaste(_prev, token)) || (_prev == null && token.Is("#"));
        }
        else
        {
            space = token.PrevWhite;
        }
        if (space && !(_atLineStart && _indented))
        {
            if (fromSource && _synced && token.PrevWhite && !_atLineStart) _out.Append(token.Gap);
            else _out.Append(' ');
        }
        _atLineStart = false;
        if (!fromSource) _synced = false;
        _out.Append(token.Text);
        _avoidPaste = false;
        _source = null;
        _prev = token;
        _printed = true;
    }

    /// <summary>An <c>#include</c> at <paramref name="includeLine"/> enters <paramref name="file"/>.</summary>
    public void EnterFile(int includeLine, string includer, string file)
    {
        MaybePrintLine(includeLine, includer);
        PrintLine(1, file, " 1");
    }

    /// <summary>Back in <paramref name="file"/> at <paramref name="line"/> after an included file ended.</summary>
    public void LeaveFile(int line, string file) => PrintLine(line, file, " 2");

    /// <summary>A <c>#line</c> directive renamed or renumbered the current file.</summary>
    public void Rename(int line, string file) => PrintLine(line, file, "");

    /// <summary>Ends the last line.</summary>
    public void Finish()
    {
        if (_printed) _out.Append('\n');
        _printed = false;
    }

    private void MaybePrintLine(int line, string file)
    {
        if (_printed)
        {
            _out.Append('\n');
            _srcLine++;
            _printed = false;
        }
        if (line >= _srcLine && line < _srcLine + 8)
        {
            while (line > _srcLine)
            {
                _out.Append('\n');
                _srcLine++;
            }
        }
        else
        {
            PrintLine(line, file, "");
        }
    }

    private void PrintLine(int line, string file, string flags)
    {
        if (_printed) _out.Append('\n');
        _printed = false;
        _srcLine = line;
        _out.Append("# ").Append(line).Append(' ').Append(Quote(file)).Append(flags).Append('\n');
    }

    /// <summary>The file name as cpp quotes it in markers and <c>__FILE__</c>.</summary>
    public static string Quote(string name)
    {
        var sb = new StringBuilder(name.Length + 2);
        sb.Append('"');
        foreach (char c in name)
        {
            if (c == '"' || c == '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>cpp's cpp_avoid_paste: would writing <paramref name="b"/> right after <paramref name="a"/> lex differently?</summary>
    public static bool AvoidPaste(PpToken a, PpToken b)
    {
        char c = b.Kind == PpTokenKind.Punctuator ? b.Text[0] : '\0';
        if (a.Kind == PpTokenKind.Punctuator)
        {
            switch (a.Text)
            {
                case "=": case "!": case "*": case "^": case ">>": case "<<":
                    return c == '=';
                case ">": return c == '=' || c == '>';
                case "<": return c == '=' || c == '<' || c == '%' || c == ':';
                case "+": return c == '=' || c == '+';
                case "-": return c == '=' || c == '-' || c == '>';
                case "/": return c == '=' || c == '/' || c == '*';
                case "%": return c == '=' || c == ':' || c == '%';
                case "&": return c == '=' || c == '&';
                case "|": return c == '=' || c == '|';
                case ":": return c == ':' || c == '>';
                case "->": return c == '*';
                case ".": return c == '.' || c == '%' || b.Kind == PpTokenKind.Number;
                case "#": return c == '#' || c == '%';
                case "<=": return c == '>';
                default: return false;
            }
        }
        switch (a.Kind)
        {
            case PpTokenKind.Identifier:
                return b.Kind == PpTokenKind.Identifier || b.Kind == PpTokenKind.StringLiteral && b.Text[0] == '"'
                    || b.Kind == PpTokenKind.CharLiteral && b.Text[0] == '\'';
            case PpTokenKind.Number:
                return b.Kind == PpTokenKind.Number || b.Kind == PpTokenKind.Identifier || (b.Kind == PpTokenKind.CharLiteral && b.Text[0] == '\'')
                    || c == '.' || c == '+' || c == '-';
            case PpTokenKind.Other:
                return a.Text[0] == '\\' && b.Kind == PpTokenKind.Identifier;
            default:
                return false;
        }
    }
}
