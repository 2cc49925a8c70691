using System.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>Prints diagnostics exactly as dtc's <c>check_msg</c> does.</summary>
public static class DtcFormatter
{
    /// <summary>
    /// The full text for one diagnostic, newline-terminated: <c>POS: Warning (name): /path[:prop]: message</c> and one
    /// <c>  also defined at POS</c> line per related span; <paramref name="outputName"/> stands in for a missing position.
    /// </summary>
    public static string Format(Diagnostic diagnostic, string outputName)
    {
        var sb = new StringBuilder();
        sb.Append(diagnostic.Span?.ToDtcString() ?? outputName);
        sb.Append(": ").Append(diagnostic.Severity == Severity.Error ? "ERROR" : "Warning");
        sb.Append(" (").Append(diagnostic.Descriptor.Name).Append("): ");
        if (diagnostic.NodePath != null)
        {
            sb.Append(diagnostic.NodePath);
            if (diagnostic.Property != null) sb.Append(':').Append(diagnostic.Property);
            sb.Append(": ");
        }
        sb.Append(diagnostic.Message).Append('\n');
        // dtc's reference fixups end their message with a newline of their own, so an empty line follows.
        if (diagnostic.Descriptor.Category == "dtc-check" && IsReferenceFixup(diagnostic.Descriptor.Name) &&
            diagnostic.Message.StartsWith("Reference to non-existent", System.StringComparison.Ordinal))
            sb.Append('\n');
        var also = diagnostic.Descriptor.Category == "dtc-check" ? "  also defined at " : "  see also ";
        foreach (var r in diagnostic.Related) sb.Append(also).Append(r.ToDtcString()).Append('\n');
        return sb.ToString();
    }

    private static bool IsReferenceFixup(string name) => name == "phandle_references" || name == "path_references";
}
