using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DtIommu.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>
/// Prints diagnostics the way GCC does: <c>file:line:col: warning: /node (label):prop: message [CODE name]</c>, then the
/// rule's fix hint, the boards it affects (when several were linted), the source line with a caret under the span, and a
/// note per related span. Source text comes from a caller-supplied reader.
/// </summary>
public sealed class GccFormatter
{
    private const int TabWidth = 8;
    private readonly Func<string, string?> _readFile;
    private readonly Dictionary<string, string[]?> _lines = new(StringComparer.Ordinal);

    /// <summary>Creates a formatter that reads source files through <paramref name="readFile"/> (null when unreadable).</summary>
    public GccFormatter(Func<string, string?> readFile) => _readFile = readFile;

    /// <summary>
    /// The text for one diagnostic, newline-terminated; <paramref name="fallbackLocation"/> stands in for a missing
    /// position; <paramref name="boards"/>, when given, are listed under it.
    /// </summary>
    public string Format(Diagnostic diagnostic, string fallbackLocation, IReadOnlyList<string>? boards = null)
    {
        var sb = new StringBuilder();
        AppendLocation(sb, diagnostic.Span, fallbackLocation);
        sb.Append(SeverityWord(diagnostic.Severity)).Append(": ").Append(diagnostic.SubjectAndMessage)
          .Append(" [").Append(diagnostic.Descriptor.Code).Append(' ').Append(diagnostic.Descriptor.Name).Append("]\n");
        if (diagnostic.Descriptor.Fix is { } fix) sb.Append("  fix: ").Append(fix).Append('\n');
        if (boards is { Count: > 0 }) sb.Append("  ").Append(BoardList.Describe(boards)).Append('\n');
        if (diagnostic.Span is { } span) AppendSnippet(sb, span);
        var note = diagnostic.Descriptor.Category == "dtc-check" ? "also defined here" : "related location";
        foreach (var r in diagnostic.Related)
        {
            AppendLocation(sb, r, fallbackLocation);
            sb.Append("note: ").Append(note).Append('\n');
            AppendSnippet(sb, r);
        }
        return sb.ToString();
    }

    private static string SeverityWord(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static void AppendLocation(StringBuilder sb, SourceSpan? span, string fallback)
    {
        if (span is { } s)
            sb.Append(s.File).Append(':').Append(s.Line.ToString(CultureInfo.InvariantCulture))
              .Append(':').Append(s.Column.ToString(CultureInfo.InvariantCulture)).Append(": ");
        else
            sb.Append(fallback).Append(": ");
    }

    private void AppendSnippet(StringBuilder sb, SourceSpan span)
    {
        var line = GetLine(span.File, span.Line);
        if (line == null) return;
        var number = span.Line.ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', Math.Max(number.Length, 4));
        var (text, columns) = ExpandTabs(line);
        sb.Append(number.PadLeft(gutter.Length)).Append(" | ").Append(text).Append('\n');
        var start = DisplayColumn(columns, span.Column);
        var end = span.EndLine == span.Line ? DisplayColumn(columns, span.EndColumn) : text.Length;
        if (end <= start) end = start + 1;
        sb.Append(gutter).Append(" | ").Append(' ', start).Append('^');
        if (end - start > 1) sb.Append('~', end - start - 1);
        sb.Append('\n');
    }

    private static int DisplayColumn(int[] columns, int column)
    {
        var index = column - 1;
        if (index < 0) return 0;
        return index < columns.Length ? columns[index] : columns[columns.Length - 1] + (index - columns.Length + 1);
    }

    // Tabs are expanded so the caret lines up in a terminal; columns[i] is the display column of character i.
    private static (string Text, int[] Columns) ExpandTabs(string line)
    {
        var sb = new StringBuilder();
        var columns = new int[line.Length + 1];
        for (var i = 0; i < line.Length; i++)
        {
            columns[i] = sb.Length;
            if (line[i] == '\t') sb.Append(' ', TabWidth - sb.Length % TabWidth);
            else sb.Append(line[i]);
        }
        columns[line.Length] = sb.Length;
        return (sb.ToString(), columns);
    }

    private string? GetLine(string file, int line)
    {
        if (!_lines.TryGetValue(file, out var lines))
        {
            var text = _readFile(file);
            lines = text?.Replace("\r\n", "\n").Split('\n');
            _lines[file] = lines;
        }
        if (lines == null || line < 1 || line > lines.Length) return null;
        return lines[line - 1];
    }
}
