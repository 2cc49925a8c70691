using System.Collections.Generic;
using System.Linq;
using DtIommu.Text;

namespace DtIommu.Diagnostics;

/// <summary>Collects diagnostics in report order.</summary>
public sealed class DiagnosticBag
{
    private static readonly SourceSpan[] NoSpans = [];
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics reported so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when any reported diagnostic is an error.</summary>
    public bool HasErrors => _items.Any(d => d.IsError);

    /// <summary>Adds a ready-made diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Reports <paramref name="descriptor"/> at its default severity.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, string message, SourceSpan? span = null,
        IReadOnlyList<SourceSpan>? related = null, string? nodePath = null, string? property = null)
        => Report(descriptor, descriptor.DefaultSeverity, message, span, related, nodePath, property);

    /// <summary>Reports <paramref name="descriptor"/> with an explicit severity.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, Severity severity, string message, SourceSpan? span = null,
        IReadOnlyList<SourceSpan>? related = null, string? nodePath = null, string? property = null)
    {
        var d = new Diagnostic(descriptor, severity, message, span, related ?? NoSpans, nodePath, property);
        _items.Add(d);
        return d;
    }
}
