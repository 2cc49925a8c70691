using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DtIommu.Iommu.Model;

/// <summary>The type of an evaluated simulator parameter.</summary>
public enum ParameterKind
{
    /// <summary>An unsigned integer.</summary>
    Integer,
    /// <summary>An inclusive range of addresses.</summary>
    Range,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>An enumeration word.</summary>
    Word,
    /// <summary>A string.</summary>
    Text,
    /// <summary>A list of values.</summary>
    List,
}

/// <summary>A simulator parameter evaluated against one IOMMU node.</summary>
public sealed class ParameterValue
{
    private ParameterValue(ParameterKind kind) => Kind = kind;

    /// <summary>The value's type.</summary>
    public ParameterKind Kind { get; }

    /// <summary>The integer, or the range start.</summary>
    public ulong Integer { get; private set; }

    /// <summary>The inclusive range end.</summary>
    public ulong End { get; private set; }

    /// <summary>The boolean value.</summary>
    public bool Boolean { get; private set; }

    /// <summary>The word or text.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The items of a list.</summary>
    public IReadOnlyList<ParameterValue> Items { get; private set; } = [];

    /// <summary>An integer value.</summary>
    public static ParameterValue Of(ulong value) => new(ParameterKind.Integer) { Integer = value };

    /// <summary>An inclusive range.</summary>
    public static ParameterValue OfRange(ulong start, ulong end) => new(ParameterKind.Range) { Integer = start, End = end };

    /// <summary>A boolean.</summary>
    public static ParameterValue Of(bool value) => new(ParameterKind.Boolean) { Boolean = value };

    /// <summary>An enumeration word.</summary>
    public static ParameterValue OfWord(string word) => new(ParameterKind.Word) { Text = word };

    /// <summary>A string.</summary>
    public static ParameterValue OfText(string text) => new(ParameterKind.Text) { Text = text };

    /// <summary>A list.</summary>
    public static ParameterValue OfList(IReadOnlyList<ParameterValue> items) => new(ParameterKind.List) { Items = items };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ParameterKind.Integer => Hex(Integer),
        ParameterKind.Range => Hex(Integer) + ".." + Hex(End),
        ParameterKind.Boolean => Boolean ? "true" : "false",
        ParameterKind.Word => Text,
        ParameterKind.Text => "\"" + Text + "\"",
        _ => string.Join(",", Items.Select(i => i.ToString())),
    };

    private static string Hex(ulong v) => v < 10 ? v.ToString(CultureInfo.InvariantCulture) : "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}

/// <summary>A named evaluated parameter.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Value">Evaluated value.</param>
public sealed record NamedParameter(string Name, ParameterValue Value);
