using DtIommu.Text;

namespace DtIommu.Model;

/// <summary>A property of a node: name, value with markers, labels, and where it was defined.</summary>
public sealed class Property
{
    /// <summary>Creates a property.</summary>
    public Property(string name, PropertyValue value, SourceSpan? span = null)
    {
        Name = name;
        Value = value;
        Span = span;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The value; replaced when a later definition overrides it.</summary>
    public PropertyValue Value { get; set; }

    /// <summary>Labels on the property.</summary>
    public LabelList Labels => _labels ??= new();

    // Made on first use: a board has thousands of properties and few labelled ones.
    private LabelList? _labels;

    /// <summary>True when the property has a label (deleted or not), without making its list.</summary>
    internal bool HasLabels => _labels is { Count: > 0 };

    /// <summary>Marks the property and its labels deleted (<c>/delete-property/</c>, or its node's deletion).</summary>
    internal void Delete()
    {
        IsDeleted = true;
        _labels?.DeleteAll();
    }

    /// <summary>True after <c>/delete-property/</c>; the slot is kept so a redefinition revives it in place.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>Source position of the latest definition; null for DTB input.</summary>
    public SourceSpan? Span { get; set; }


    /// <inheritdoc/>
    public override string ToString() => Name;
}
