using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>GitHub Actions workflow commands (<c>::warning file=...,line=...::message</c>), which annotate pull requests.</summary>
public static class GitHubFormatter
{
    /// <summary>One newline-terminated workflow command; notes become <c>::notice</c>; the fix hint and the boards follow the message.</summary>
    public static string Format(Diagnostic d, string fallbackFile, IReadOnlyList<string>? boards = null)
    {
        var sb = new StringBuilder("::");
        sb.Append(d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" });
        sb.Append(" file=").Append(Property(d.Span?.File ?? fallbackFile));
        if (d.Span is { } s)
        {
            sb.Append(",line=").Append(s.Line.ToString(CultureInfo.InvariantCulture));
            sb.Append(",col=").Append(s.Column.ToString(CultureInfo.InvariantCulture));
            if (s.EndLine >= s.Line) sb.Append(",endLine=").Append(s.EndLine.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append(",title=").Append(Property(d.Descriptor.Code + " " + d.Descriptor.Name));
        sb.Append("::");
        var text = d.SubjectAndMessage;
        if (d.Descriptor.Fix is { } fix) text += "\nfix: " + fix;
        if (boards is { Count: > 0 }) text += "\n" + BoardList.Describe(boards);
        sb.Append(Data(text)).Append('\n');
        return sb.ToString();
    }

    // Escapes defined by the Actions runner (toolkit/core command.ts): data escapes %, CR, LF; properties also : and ,.
    private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
