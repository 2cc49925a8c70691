using System.Text;
using System.Text.RegularExpressions;
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
    // A node path as messages write it: '/', then node names (dtc's node-name characters, '@' for unit addresses).
    private static readonly Regex PathInText = new(@"(?<![\w/])/[A-Za-z0-9,._+@-]+(?:/[A-Za-z0-9,._+@-]+)*", RegexOptions.CultureInvariant);

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
        foreach (Match m in PathInText.Matches(message))
        {
            var path = m.Value.TrimEnd('.', ',');
            var end = m.Index + path.Length;
            if (NodeLookup.ByPath(tree.Root, path) is not { } node || LabelOf(node) is not { } label ||
                string.CompareOrdinal(message, end, " (" + label + ")", 0, label.Length + 3) == 0)
                continue;
            sb.Append(message, last, end - last).Append(" (").Append(label).Append(')');
            last = end;
        }
        return last == 0 ? message : sb.Append(message, last, message.Length - last).ToString();
    }
}
