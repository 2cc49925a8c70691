using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Diagnostics.Reporting;

/// <summary>Folds the per-board findings of a run into one finding per cause, each with the boards it affects.</summary>
public static class FindingMerger
{
    /// <summary>
    /// Findings that agree on rule, severity, position, node, property and message are one; the result keeps the order
    /// in which each was first found.
    /// </summary>
    public static List<BoardFinding> Merge(IEnumerable<(string Board, Diagnostic Finding)> findings)
    {
        var order = new List<(Diagnostic Finding, List<string> Boards)>();
        var index = new Dictionary<Key, int>();
        foreach (var (board, d) in findings)
        {
            var key = new Key(d.Descriptor.Code, d.Severity, d.Span, d.NodePath, d.Property, d.Message,
                d.Span == null ? board : null);
            if (index.TryGetValue(key, out var i))
            {
                if (!order[i].Boards.Contains(board)) order[i].Boards.Add(board);
                continue;
            }
            index[key] = order.Count;
            order.Add((d, [board]));
        }
        var result = new List<BoardFinding>(order.Count);
        foreach (var (d, boards) in order) result.Add(new BoardFinding(d, boards));
        return result;
    }

    // A finding without a source position (blob input) belongs to its board alone.
    private readonly record struct Key(string Code, Severity Severity, SourceSpan? Span, string? NodePath, string? Property,
        string Message, string? Board);
}
