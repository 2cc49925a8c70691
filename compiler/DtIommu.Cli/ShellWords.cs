using System.Text;

namespace DtIommu.Cli;

/// <summary>Splits one line into words the way a POSIX shell does for plain words, quotes and backslashes.</summary>
internal static class ShellWords
{
    /// <summary>The words of <paramref name="line"/>; false with a reason for an unterminated quote.</summary>
    public static bool TrySplit(string line, out List<string> words, out string? error)
    {
        words = [];
        error = null;
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r')
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            inWord = true;
            if (c == '\\' && i + 1 < line.Length) { word.Append(line[++i]); continue; }
            if (c is '\'' or '"')
            {
                var close = line.IndexOf(c, i + 1);
                if (c == '"')
                {
                    // Inside double quotes a backslash escapes only ", \, $ and `.
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') i++;
                        word.Append(line[i]);
                    }
                    if (i >= line.Length) { error = "unterminated \" quote"; return false; }
                    continue;
                }
                if (close < 0) { error = "unterminated ' quote"; return false; }
                word.Append(line, i + 1, close - i - 1);
                i = close;
                continue;
            }
            word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return true;
    }
}
