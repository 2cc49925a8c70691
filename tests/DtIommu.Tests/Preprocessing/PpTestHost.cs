using System.Text.RegularExpressions;
using DtIommu.Diagnostics;
using DtIommu.Preprocessing;

namespace DtIommu.Tests.Preprocessing;

/// <summary>Runs the preprocessor over in-memory files.</summary>
internal static class PpTestHost
{
    public const string Main = "main.dts";

    public static PreprocessorResult Run(string main, params (string Path, string Text)[] files) =>
        Run(_ => { }, main, files);

    public static PreprocessorResult Run(Action<PreprocessorOptions> configure, string main, params (string Path, string Text)[] files)
    {
        var dict = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var options = new PreprocessorOptions { ReadFile = p => dict.TryGetValue(p, out var t) ? t : null };
        configure(options);
        return new Preprocessor(options).Run(Main, main);
    }

    /// <summary>The output after cpp's fixed four-line preamble.</summary>
    public static string Body(PreprocessorResult r)
    {
        string preamble = $"# 0 \"{Main}\"\n# 0 \"<built-in>\"\n# 0 \"<command-line>\"\n# 1 \"{Main}\"\n";
        r.Text.ShouldStartWith(preamble);
        return r.Text.Substring(preamble.Length);
    }

    /// <summary>The output without line markers and with every whitespace run turned into one space.</summary>
    public static string Tokens(PreprocessorResult r)
    {
        var lines = r.Text.Split('\n').Where(l => !Regex.IsMatch(l, "^# \\d+ \""));
        return Regex.Replace(string.Join("\n", lines), "\\s+", " ").Trim();
    }

    /// <summary>Each diagnostic as "name file:line.col-col: message".</summary>
    public static string[] Describe(PreprocessorResult r) =>
        r.Diagnostics.Select(d => $"{d.Descriptor.Name} {d.Span}: {d.Message}").ToArray();

    /// <summary>Maps an output line (1-based) back to the source file and line the way a marker-aware lexer does.</summary>
    public static (string File, int Line) MapOutputLine(string text, int outputLine)
    {
        string file = "";
        int line = 0;
        var lines = text.Split('\n');
        for (int i = 0; i < outputLine - 1; i++)
        {
            var m = Regex.Match(lines[i], "^# (\\d+) \"([^\"]*)\"");
            if (m.Success)
            {
                line = int.Parse(m.Groups[1].Value);
                file = m.Groups[2].Value;
            }
            else line++;
        }
        return (file, line);
    }

    public static Diagnostic Single(PreprocessorResult r, DiagnosticDescriptor descriptor) =>
        r.Diagnostics.Where(d => d.Descriptor == descriptor).ShouldHaveSingleItem();
}
