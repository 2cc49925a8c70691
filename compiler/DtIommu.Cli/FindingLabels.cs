using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Cli;

/// <summary>
/// The reporting layer's touches on a finding, from the board's tree: the node's label beside its path
/// (<c>/soc/iommu@1000 (smmu)</c>), labels beside the other node paths the message names, and the property's own
/// span in place of its node's when the finding is about a property.
/// </summary>
internal static class FindingLabels
{
    /// <summary>The finding as reports show it on <paramref name="tree"/>.</summary>
    public static Diagnostic Decorate(Diagnostic d, DeviceTree tree)
    {
        var node = d.NodePath == null ? null : NodeLookup.ByPath(tree.Root, d.NodePath);
        var span = d.Span;
        if (node != null && d.Property != null && node.GetProperty(d.Property) is { Span: { } propertySpan } &&
            (span == null || node.Spans.Contains(span.Value)))
            span = propertySpan;
        return d with { NodeLabel = node == null ? null : LabelOf(node), Span = span, Message = LabelPaths(d.Message, tree) };
    }

    private static string? LabelOf(Node node)
    {
        foreach (var l in node.Labels.Live) return l.Name;
        return null;
    }

    private static string LabelPaths(string message, DeviceTree tree)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (var (index, length) in PathsIn(message))
        {
            var path = message.Substring(index, length).TrimEnd('.', ',');
            var end = index + path.Length;
            if (NodeLookup.ByPath(tree.Root, path) is not { } node || LabelOf(node) is not { } label ||
                string.CompareOrdinal(message, end, " (" + label + ")", 0, label.Length + 3) == 0)
                continue;
            sb.Append(message, last, end - last).Append(" (").Append(label).Append(')');
            last = end;
        }
        return last == 0 ? message : sb.Append(message, last, message.Length - last).ToString();
    }

    /// <summary>
    /// The node paths a message names, left to right: a '/' that follows no word character and no '/', then node
    /// names of dtc's node-name characters ('@' for unit addresses) separated by single slashes.
    /// </summary>
    internal static IEnumerable<(int Index, int Length)> PathsIn(string text)
    {
        var i = 0;
        while ((i = text.IndexOf('/', i)) >= 0)
        {
            if (i > 0 && (text[i - 1] == '/' || IsWordCharacter(text[i - 1])))
            {
                i++;
                continue;
            }
            var end = i;
            while (end < text.Length && text[end] == '/' && end + 1 < text.Length && IsNodeNameCharacter(text[end + 1]))
            {
                end++;
                while (end < text.Length && IsNodeNameCharacter(text[end])) end++;
            }
            if (end == i)
            {
                i++;
                continue;
            }
            yield return (i, end - i);
            i = end;
        }
    }

    private static bool IsNodeNameCharacter(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ',' or '.' or '_' or '+' or '@' or '-';

    // What a regular expression's \w matches: letters, decimal digits, non-spacing marks and connector punctuation.
    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter or
        System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter or
        System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark or
        System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.ConnectorPunctuation;
}
