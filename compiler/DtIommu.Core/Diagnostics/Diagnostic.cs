using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Diagnostics;

/// <summary>One reported problem: data only; formatters decide how it is printed.</summary>
/// <param name="Descriptor">What kind of problem it is.</param>
/// <param name="Severity">The effective severity after options.</param>
/// <param name="Message">The specific message (without location or kind).</param>
/// <param name="Span">Primary source position, when the input was source text.</param>
/// <param name="Related">Other positions involved ("also defined at", the other device of a conflict).</param>
/// <param name="NodePath">Full path of the node concerned, if any.</param>
/// <param name="Property">Name of the property concerned, if any.</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    string Message,
    SourceSpan? Span,
    IReadOnlyList<SourceSpan> Related,
    string? NodePath = null,
    string? Property = null)
{
    /// <summary>True when this diagnostic counts as an error.</summary>
    public bool IsError => Severity == Severity.Error;
}
