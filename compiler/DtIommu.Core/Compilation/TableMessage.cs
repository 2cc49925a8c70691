namespace DtIommu.Compilation;

/// <summary>
/// A warning from building or importing the label and overlay tables, in dtc's exact text. Two of dtc's messages
/// here (a label already in the table, a <c>/__symbols__</c> path that names no node) end without a newline, and a
/// drop-in compiler prints them that way too, so the next message runs on in the same line.
/// </summary>
public readonly record struct TableMessage(string Text, bool EndsLine = true)
{
    /// <summary>A message that ends its line, as most of dtc's do.</summary>
    public static implicit operator TableMessage(string text) => new(text);
}
