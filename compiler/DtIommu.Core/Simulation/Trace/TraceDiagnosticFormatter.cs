using DtIommu.Diagnostics;

namespace DtIommu.Simulation.Trace;

/// <summary>Renders trace diagnostics the way compilers print them: <c>file:line:col: error: message</c>.</summary>
public static class TraceDiagnosticFormatter
{
    /// <summary>One line for <paramref name="diagnostic"/>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        string severity = diagnostic.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "note",
        };
        return diagnostic.Span is { } s
            ? $"{s.File}:{s.Line}:{s.Column}: {severity}: {diagnostic.Message}"
            : $"{severity}: {diagnostic.Message}";
    }
}
