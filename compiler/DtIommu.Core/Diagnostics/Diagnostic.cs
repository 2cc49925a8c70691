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
/// <param name="NodeLabel">A label of that node, shown beside its path in reports (set by the reporting layer).</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    string Message,
    SourceSpan? Span,
    IReadOnlyList<SourceSpan> Related,
    string? NodePath = null,
    string? Property = null,
    string? NodeLabel = null)
{
    /// <summary>The node as reports name it: <c>/soc/iommu@1000 (smmu)</c>, with <c>:property</c> when there is one; null without a node.</summary>
    public string? Subject =>
        NodePath == null ? null
        : NodePath + (NodeLabel != null ? " (" + NodeLabel + ")" : "") + (Property != null ? ":" + Property : "");

    /// <summary>The message with its subject in front (<c>/path:prop: message</c>), as every text format prints it.</summary>
    public string SubjectAndMessage => Subject == null ? Message : Subject + ": " + Message;

    /// <summary>True when this diagnostic counts as an error.</summary>
    public bool IsError => Severity == Severity.Error;
}
