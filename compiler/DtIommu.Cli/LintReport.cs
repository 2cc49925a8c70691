using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Lint;

namespace DtIommu.Cli;

/// <summary>Renders the findings of all linted boards in one of the output formats.</summary>
internal static class LintReport
{
    public static readonly string[] Formats = ["dtc", "gcc", "msbuild", "sarif", "github", "json"];

    /// <summary>The report text; <paramref name="findings"/> pairs each finding with the board it was found on.</summary>
    public static string Render(string format, IReadOnlyList<(string Board, Diagnostic Finding)> findings)
    {
        switch (format)
        {
            case "sarif":
                var rules = LintRuleTable.All.Select(r => r.Descriptor);
                // A finding without a position belongs to its board: give SARIF the board as the artifact.
                var located = findings.Select(f => f.Finding.Span == null && f.Finding.Descriptor.Category != "plain"
                    ? f.Finding with { Span = Text.SourceSpan.At(f.Board, 1, 1) } : f.Finding);
                return SarifFormatter.Format(located, rules, DtcCommand.ToolVersion, Uri, findings.Count > 0 ? findings[0].Board : "");
            case "json":
                return JsonFormatter.Format(findings.Select(f => f.Finding));
        }
        var sb = new StringBuilder();
        var gcc = new GccFormatter(ReadSource);
        foreach (var (board, d) in findings)
        {
            sb.Append(format switch
            {
                "gcc" => gcc.Format(d, board),
                "msbuild" => MsBuildFormatter.Format(d, board),
                "github" => GitHubFormatter.Format(d, board),
                _ => DtcFormatter.Format(d, board),
            });
        }
        return sb.ToString();
    }

    /// <summary>A repository-relative URI with forward slashes, as code scanning matches it against the checkout.</summary>
    public static string Uri(string file)
    {
        if (file.Length == 0) return "unknown";
        try
        {
            var full = Path.GetFullPath(file);
            var rel = Path.GetRelativePath(Environment.CurrentDirectory, full);
            return (rel.StartsWith("..", StringComparison.Ordinal) ? full : rel).Replace('\\', '/');
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return file.Replace('\\', '/');
        }
    }

    private static string? ReadSource(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
