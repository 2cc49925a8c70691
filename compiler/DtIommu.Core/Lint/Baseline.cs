using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DtIommu.Diagnostics;

namespace DtIommu.Lint;

/// <summary>
/// A set of accepted findings. Fingerprints hash the rule id, board, node path, property and message, never positions,
/// so editing unrelated lines of a board does not resurrect baselined findings.
/// </summary>
public sealed class Baseline
{
    private const string Header = "# dtiommu lint baseline: fingerprint, rule, node[:property], message. Regenerate with --write-baseline.";
    private readonly HashSet<string> _fingerprints = new(StringComparer.Ordinal);

    /// <summary>Number of accepted findings.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>The stable fingerprint of a finding on <paramref name="board"/>.</summary>
    public static string Fingerprint(Diagnostic d, string board)
    {
        var text = d.Descriptor.Code + "\n" + board.Replace('\\', '/') + "\n" + d.NodePath + "\n" + d.Property + "\n" + d.Message;
        // FNV-1a 64: stable across runtimes and platforms, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>True when the finding is in the baseline.</summary>
    public bool Contains(Diagnostic d, string board) => _fingerprints.Contains(Fingerprint(d, board));

    /// <summary>Adds a finding.</summary>
    public void Add(Diagnostic d, string board) => _fingerprints.Add(Fingerprint(d, board));

    /// <summary>Parses a baseline file; a malformed line gives a message with its line number.</summary>
    public static Baseline Parse(string text, string fileName, out string? error)
    {
        var b = new Baseline();
        error = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var end = line.IndexOf(' ');
            var fp = end < 0 ? line : line.Substring(0, end);
            if (fp.Length != 16 || !ulong.TryParse(fp, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
            {
                error = $"{fileName}:{i + 1}: expected a 16-digit hexadecimal fingerprint at the start of the line";
                return b;
            }
            b._fingerprints.Add(fp);
        }
        return b;
    }

    /// <summary>The baseline text for <paramref name="findings"/> (board name, finding), sorted for stable diffs.</summary>
    public static string Write(IEnumerable<(string Board, Diagnostic Finding)> findings)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (board, d) in findings)
        {
            var where = d.NodePath + (d.Property != null ? ":" + d.Property : "");
            lines.Add(Fingerprint(d, board) + " " + d.Descriptor.Code + " " + board.Replace('\\', '/') + " " + where + " " +
                      d.Message.Replace('\n', ' ').Replace('\r', ' '));
        }
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }
}
