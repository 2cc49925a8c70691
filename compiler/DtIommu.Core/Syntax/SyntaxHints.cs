using System;
using DtIommu.Diagnostics;
using DtIommu.Sources;

namespace DtIommu.Syntax;

/// <summary>
/// A line of advice after dtc's bare "syntax error", for the two mistakes that produce most of them: C preprocessor
/// directives given to the compiler without the preprocessor, and a property or node missing its closing <c>;</c>.
/// The advice is an extra line; dtc's own lines stay as they are.
/// </summary>
public static class SyntaxHints
{
    private static readonly string[] Directives = ["#include", "#define", "#if", "#ifdef", "#ifndef", "#undef", "#else", "#endif", "#elif"];

    /// <summary>The hint for <paramref name="error"/>, a syntax error reported while compiling, or null.</summary>
    public static string? For(Diagnostic error, IFileSource files, bool preprocessed)
    {
        if (error.Descriptor != SyntaxDiagnostics.SyntaxError || error.Span is not { } span || span.Line < 1) return null;
        if (files.TryRead(span.File) is not { } bytes) return null;
        // Byte for character, as the source is read: no decoding can fail on a malformed file.
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
        var lines = new string(chars).Split('\n');
        if (span.Line > lines.Length) return null;
        var line = lines[span.Line - 1].TrimStart();
        if (!preprocessed)
            foreach (var d in Directives)
                if (line.StartsWith(d, StringComparison.Ordinal) && (line.Length == d.Length || !char.IsLetterOrDigit(line[d.Length])))
                    return $"hint: '{d}' is a C preprocessor directive: compile with --cpp, the built-in preprocessor, or run cpp first";
        // The error is at the start of its line and the text before it does not end a statement: a missing ';'.
        var before = lines[span.Line - 1].Substring(0, Math.Min(Math.Max(span.Column - 1, 0), lines[span.Line - 1].Length));
        if (before.Trim().Length != 0) return null;
        for (var i = span.Line - 2; i >= 0; i--)
        {
            var previous = StripComment(lines[i]).TrimEnd();
            if (previous.Length == 0) continue;
            var last = previous[previous.Length - 1];
            return last is ';' or '{' or '}' or '/' ? null : $"hint: is a ';' missing at the end of line {i + 1}?";
        }
        return null;
    }

    private static string StripComment(string line)
    {
        var at = line.IndexOf("//", StringComparison.Ordinal);
        return at >= 0 ? line.Substring(0, at) : line;
    }
}
