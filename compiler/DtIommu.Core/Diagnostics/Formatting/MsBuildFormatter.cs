using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>MSBuild's canonical error format, which Visual Studio and CI log parsers recognise: <c>file(l,c): warning CODE: message</c>.</summary>
public static class MsBuildFormatter
{
    /// <summary>
    /// One newline-terminated line; <paramref name="fallbackFile"/> stands in for a missing position; the boards, when
    /// given, follow the rule name.
    /// </summary>
    public static string Format(Diagnostic d, string fallbackFile, IReadOnlyList<string>? boards = null)
    {
        var sb = new StringBuilder();
        if (d.Span is { } s)
            sb.Append(s.File).Append('(').Append(s.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(s.Column.ToString(CultureInfo.InvariantCulture)).Append(')');
        else
            sb.Append(fallbackFile);
        sb.Append(": ").Append(d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" })
          .Append(' ').Append(d.Descriptor.Code).Append(": ").Append(d.SubjectAndMessage)
          .Append(" [").Append(d.Descriptor.Name).Append(']');
        if (boards is { Count: > 0 }) sb.Append(" (").Append(BoardList.Describe(boards)).Append(')');
        sb.Append('\n');
        return sb.ToString();
    }
}
