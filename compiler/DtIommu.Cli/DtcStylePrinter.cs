using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Syntax;

namespace DtIommu.Cli;

/// <summary>Prints compiler diagnostics on standard error with dtc's exact wording for each kind.</summary>
internal static class DtcStylePrinter
{
    /// <summary>The dtc text for one diagnostic (newline-terminated), or null when <c>-q</c> hides it.</summary>
    public static string? Format(Diagnostic d, string outputName, int quiet)
    {
        switch (d.Descriptor.Category)
        {
            case SyntaxDiagnostics.ParserCategory:
                return $"Error: {d.Span?.ToDtcString()} {d.Message}\n";
            case SyntaxDiagnostics.LexicalCategory:
                return $"Lexical error: {d.Span?.ToDtcString()} {d.Message}\n";
            case SyntaxDiagnostics.ParserWarningCategory:
                return $"WARNING: {d.Span?.ToDtcString()}: {d.Message}\n";
            case SyntaxDiagnostics.FatalCategory:
                return $"FATAL ERROR: {d.Message}\n";
            case CompilerDiagnostics.UnterminatedFatalCategory:
                return $"FATAL ERROR: {d.Message}";
            case CompilerDiagnostics.PlainCategory:
                return d.Message + "\n";
            case CompilerDiagnostics.UnterminatedPlainCategory:
                return d.Message;
            case "preprocessor":
                // cpp's own format, which editors and build logs already understand.
                return $"{(d.Span is { } s ? $"{s.File}:{s.Line}:{s.Column}: " : "")}{(d.IsError ? "error" : "warning")}: {d.Message}\n";
            default:
                return QuietFilter.IsShown(d, quiet) ? DtcFormatter.Format(d, outputName) : null;
        }
    }
}
