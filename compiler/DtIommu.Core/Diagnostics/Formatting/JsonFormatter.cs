using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DtIommu.Diagnostics.Reporting;
using DtIommu.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>Writes diagnostics as a JSON array, one object per finding (System.Text.Json, <see cref="JsonText.Options"/>).</summary>
public static class JsonFormatter
{
    /// <summary>A JSON array of all <paramref name="diagnostics"/>.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        Format(diagnostics.Select(d => new BoardFinding(d, [])));

    /// <summary>A JSON array of <paramref name="findings"/>, each with a <c>boards</c> member.</summary>
    public static string Format(IEnumerable<BoardFinding> findings) =>
        JsonText.Write(w =>
        {
            w.WriteStartArray();
            foreach (var f in findings) WriteObject(w, f.Finding, f.Boards);
            w.WriteEndArray();
        });

    /// <summary>One diagnostic as a JSON object.</summary>
    public static string FormatOne(Diagnostic diagnostic) => JsonText.Write(w => WriteObject(w, diagnostic, []));

    private static void WriteObject(Utf8JsonWriter w, Diagnostic d, IReadOnlyList<string> boards)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Descriptor.Code);
        w.WriteString("name", d.Descriptor.Name);
        w.WriteString("category", d.Descriptor.Category);
        w.WriteString("severity", SeverityName(d.Severity));
        w.WriteString("message", d.Message);
        w.StringOrNull("path", d.NodePath);
        w.StringOrNull("label", d.NodeLabel);
        w.StringOrNull("property", d.Property);
        w.StringOrNull("fix", d.Descriptor.Fix);
        w.WritePropertyName("span");
        WriteSpan(w, d.Span);
        w.WriteStartArray("related");
        foreach (var r in d.Related) WriteSpan(w, r);
        w.WriteEndArray();
        w.WriteStartArray("boards");
        foreach (var b in boards) w.WriteStringValue(b);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "off",
    };

    private static void WriteSpan(Utf8JsonWriter w, SourceSpan? span)
    {
        if (span is not { } s)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("file", s.File);
        w.WriteNumber("line", s.Line);
        w.WriteNumber("column", s.Column);
        w.WriteNumber("endLine", s.EndLine);
        w.WriteNumber("endColumn", s.EndColumn);
        w.WriteEndObject();
    }
}
