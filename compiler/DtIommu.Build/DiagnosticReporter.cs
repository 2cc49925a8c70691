using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Sources;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DtIommu.Build;

/// <summary>Sends compiler diagnostics to the MSBuild log with file, line, column and code, so builds and IDEs locate them.</summary>
internal sealed class DiagnosticReporter
{
    private readonly TaskLoggingHelper _log;

    /// <summary>Reports through <paramref name="log"/>.</summary>
    public DiagnosticReporter(TaskLoggingHelper log) => _log = log;

    /// <summary>Logs one diagnostic; <paramref name="sourceFile"/> locates those that carry no position.</summary>
    public void Report(Diagnostic d, string sourceFile)
    {
        var (file, line, column) = d.Span is { } s ? (s.File, s.Line, s.Column) : (sourceFile, 0, 0);
        // Names from line markers and strings from sources are byte text; MSBuild's log is real text.
        file = Latin1.ToText(file);
        // No end position: MSBuild then prints file(l,c), the form every problem matcher (old setup-dotnet ones
        // included) and the acceptance expect, where an end would print file(l,c,el,ec).
        const int endLine = 0, endColumn = 0;
        var message = Latin1.ToText(MessageOf(d));
        var code = d.Descriptor.Code;
        switch (d.Severity)
        {
            case Severity.Error:
                _log.LogError(null, code, d.Descriptor.Name, file, line, column, endLine, endColumn, "{0}", message);
                break;
            case Severity.Warning:
                _log.LogWarning(null, code, d.Descriptor.Name, file, line, column, endLine, endColumn, "{0}", message);
                break;
            case Severity.Note:
                _log.LogMessage(null, code, d.Descriptor.Name, file, line, column, endLine, endColumn, MessageImportance.Normal, "{0}", message);
                break;
        }
    }

    /// <summary>Logs an error of the task itself (unreadable metadata, unwritable output) at the source file.</summary>
    public void ReportTaskError(string code, string file, string message) =>
        _log.LogError(null, code, null, file, 0, 0, 0, 0, "{0}", message);

    private static string MessageOf(Diagnostic d)
    {
        var sb = new StringBuilder();
        if (d.NodePath != null)
        {
            sb.Append(d.NodePath);
            if (d.Property != null) sb.Append(':').Append(d.Property);
            sb.Append(": ");
        }
        sb.Append(d.Message);
        // The check name is what -W/-E, NoWarn and WarningsAsErrors accept besides the code.
        if (d.Descriptor.Category == "dtc-check") sb.Append(" (").Append(d.Descriptor.Name).Append(')');
        foreach (var r in d.Related)
            sb.Append(" [also at ").Append(r.File).Append('(').Append(r.Line).Append(',').Append(r.Column).Append(")]");
        return sb.ToString();
    }
}
