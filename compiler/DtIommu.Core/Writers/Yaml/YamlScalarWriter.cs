namespace DtIommu.Writers.Yaml;

/// <summary>
/// libyaml's plain, single-quoted and double-quoted scalar writers: escapes, and the folding of a long scalar at a
/// space once the line is past 80 columns.
/// </summary>
internal static class YamlScalarWriter
{
    public static void Plain(YamlEmitter e, string value, bool allowBreaks, bool inFlow)
    {
        if (!e.Whitespace && (value.Length > 0 || inFlow)) e.Put(' ');
        var spaces = false;
        var breaks = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && e.PastWidth && !IsSpaceAt(value, i + 1)) e.WriteIndent();
                else e.Put(c);
                spaces = true;
            }
            else if (YamlScalarAnalysis.IsBreak(c))
            {
                e.WriteBreak(c, !breaks);
                e.Indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) e.WriteIndent();
                e.Put(c);
                e.Indention = false;
                spaces = false;
                breaks = false;
            }
        }
        e.EndScalar();
    }

    public static void SingleQuoted(YamlEmitter e, string value, bool allowBreaks)
    {
        e.WriteIndicator("'", true, false, false);
        var spaces = false;
        var breaks = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && e.PastWidth && i != 0 && i != value.Length - 1 && !IsSpaceAt(value, i + 1))
                    e.WriteIndent();
                else
                    e.Put(c);
                spaces = true;
            }
            else if (YamlScalarAnalysis.IsBreak(c))
            {
                e.WriteBreak(c, !breaks);
                e.Indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) e.WriteIndent();
                if (c == '\'') e.Put('\'');
                e.Put(c);
                e.Indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if (breaks) e.WriteIndent();
        e.WriteIndicator("'", false, false, false);
        e.EndScalar();
    }

    public static void DoubleQuoted(YamlEmitter e, string value, bool allowBreaks)
    {
        e.WriteIndicator("\"", true, false, false);
        var spaces = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!YamlScalarAnalysis.IsPrintable(c) || YamlScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                e.Put('\\');
                WriteEscape(e, c);
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && e.PastWidth && i != 0 && i != value.Length - 1)
                {
                    // The break folds into the space it replaces; a second space must then be escaped to survive.
                    e.WriteIndent();
                    if (IsSpaceAt(value, i + 1)) e.Put('\\');
                }
                else
                {
                    e.Put(c);
                }
                spaces = true;
            }
            else
            {
                e.Put(c);
                spaces = false;
            }
        }
        e.WriteIndicator("\"", false, false, false);
        e.EndScalar();
    }

    private static void WriteEscape(YamlEmitter e, char c)
    {
        switch (c)
        {
            case '\0': e.Put('0'); break;
            case '\a': e.Put('a'); break;
            case '\b': e.Put('b'); break;
            case '\t': e.Put('t'); break;
            case '\n': e.Put('n'); break;
            case '\v': e.Put('v'); break;
            case '\f': e.Put('f'); break;
            case '\r': e.Put('r'); break;
            case '\x1b': e.Put('e'); break;
            case '"': e.Put('"'); break;
            case '\\': e.Put('\\'); break;
            default:
                e.Put('x');
                e.Put(YamlEmitter.HexUpper(c >> 4 & 0xf));
                e.Put(YamlEmitter.HexUpper(c & 0xf));
                break;
        }
    }

    private static bool IsSpaceAt(string s, int i) => i < s.Length && s[i] == ' ';
}
