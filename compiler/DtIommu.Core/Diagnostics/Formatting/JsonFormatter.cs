using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DtIommu.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>Writes diagnostics as JSON (an array of objects, one per diagnostic) without any serializer package.</summary>
public static class JsonFormatter
{
    /// <summary>A JSON array of all <paramref name="diagnostics"/>.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder("[");
        var first = true;
        foreach (var d in diagnostics)
        {
            sb.Append(first ? "\n  " : ",\n  ");
            first = false;
            AppendObject(sb, d);
        }
        sb.Append(first ? "]\n" : "\n]\n");
        return sb.ToString();
    }

    /// <summary>One diagnostic as a single-line JSON object.</summary>
    public static string FormatOne(Diagnostic diagnostic)
    {
        var sb = new StringBuilder();
        AppendObject(sb, diagnostic);
        return sb.ToString();
    }

    private static void AppendObject(StringBuilder sb, Diagnostic d)
    {
        sb.Append('{');
        Member(sb, "code", d.Descriptor.Code); sb.Append(',');
        Member(sb, "name", d.Descriptor.Name); sb.Append(',');
        Member(sb, "category", d.Descriptor.Category); sb.Append(',');
        Member(sb, "severity", SeverityName(d.Severity)); sb.Append(',');
        Member(sb, "message", d.Message); sb.Append(',');
        Member(sb, "path", d.NodePath); sb.Append(',');
        Member(sb, "property", d.Property); sb.Append(',');
        String(sb, "span"); sb.Append(':');
        AppendSpan(sb, d.Span); sb.Append(',');
        String(sb, "related"); sb.Append(":[");
        for (var i = 0; i < d.Related.Count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendSpan(sb, d.Related[i]);
        }
        sb.Append("]}");
    }

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "off",
    };

    private static void AppendSpan(StringBuilder sb, SourceSpan? span)
    {
        if (span is not { } s)
        {
            sb.Append("null");
            return;
        }
        sb.Append('{');
        Member(sb, "file", s.File); sb.Append(',');
        Number(sb, "line", s.Line); sb.Append(',');
        Number(sb, "column", s.Column); sb.Append(',');
        Number(sb, "endLine", s.EndLine); sb.Append(',');
        Number(sb, "endColumn", s.EndColumn);
        sb.Append('}');
    }

    private static void Number(StringBuilder sb, string name, int value)
    {
        String(sb, name);
        sb.Append(':').Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void Member(StringBuilder sb, string name, string? value)
    {
        String(sb, name);
        sb.Append(':');
        if (value == null) sb.Append("null");
        else String(sb, value);
    }

    /// <summary>Appends a JSON string literal with RFC 8259 escaping.</summary>
    private static void String(StringBuilder sb, string value) => sb.Quote(value);
}
