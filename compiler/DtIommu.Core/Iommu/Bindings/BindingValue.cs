using DtIommu.Text;

namespace DtIommu.Iommu.Bindings;

/// <summary>A value expression of a binding file; evaluated against an IOMMU node by the resolver.</summary>
public abstract record BindingValue(SourceSpan Span);

/// <summary>An integer literal (size suffixes already applied).</summary>
public sealed record NumberValue(ulong Value, SourceSpan Span) : BindingValue(Span);

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BoolValue(bool Value, SourceSpan Span) : BindingValue(Span);

/// <summary>A bare word, used as an enumeration value (<c>single</c>, <c>multi</c>).</summary>
public sealed record WordValue(string Value, SourceSpan Span) : BindingValue(Span);

/// <summary>A string literal.</summary>
public sealed record StringValue(string Value, SourceSpan Span) : BindingValue(Span);

/// <summary>An inclusive range <c>start .. end</c>.</summary>
public sealed record RangeValue(BindingValue Start, BindingValue End, SourceSpan Span) : BindingValue(Span);

/// <summary>How a property of the IOMMU node is read.</summary>
public enum PropertyReadKind
{
    /// <summary><c>prop("x")</c>: a 1- or 2-cell integer.</summary>
    Cells,
    /// <summary><c>flag("x")</c>: true when the property exists.</summary>
    Flag,
    /// <summary><c>window("x")</c>: <c>&lt;start length&gt;</c> as an inclusive range.</summary>
    Window,
}

/// <summary>A property of the IOMMU node (<c>prop</c>, <c>flag</c>, <c>window</c>).</summary>
public sealed record PropertyRefValue(PropertyReadKind Read, string Property, SourceSpan Span) : BindingValue(Span);

/// <summary><c>reg[N]</c>: entry N of the IOMMU node's <c>reg</c>, as an inclusive range of bus addresses.</summary>
public sealed record RegRefValue(int Index, SourceSpan Span) : BindingValue(Span);

/// <summary><c>a ?? b</c>: <c>a</c> when it can be evaluated (its property exists), else <c>b</c>.</summary>
public sealed record FallbackValue(BindingValue First, BindingValue Otherwise, SourceSpan Span) : BindingValue(Span);

/// <summary><c>width(N)</c>: the range <c>0 .. 2^N-1</c> (an address space of N bits).</summary>
public sealed record WidthValue(BindingValue Bits, SourceSpan Span) : BindingValue(Span);
