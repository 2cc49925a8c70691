namespace DtIommu.Model;

/// <summary>An annotation at a byte offset of a property value: a type boundary, a label or a reference.</summary>
/// <param name="Kind">What the marker records.</param>
/// <param name="Offset">Byte offset inside the value.</param>
/// <param name="Reference">Label name or path for references and labels; null for type markers.</param>
public readonly record struct Marker(MarkerKind Kind, int Offset, string? Reference);
