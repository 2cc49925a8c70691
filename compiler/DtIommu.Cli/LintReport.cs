using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Diagnostics.Reporting;
using DtIommu.Lint;

namespace DtIommu.Cli;

/// <summary>Renders the findings of all linted boards in one of the output formats.</summary>
internal static class LintReport
{
    public static readonly string[] Formats = ["gcc", "dtc", "msbuild", "sarif", "github", "json"];

    /// <summary>
    /// The report text: each finding once, with the boards it affects (named in text formats when
    /// <paramref name="listBoards"/>, in JSON and SARIF always).
    /// </summary>
    public static string Render(string format, IReadOnlyList<BoardFinding> findings, bool listBoards)
    {
        switch (format)
        {
            case "sarif":
                var rules = LintRuleTable.All.Select(r => r.Descriptor);
                return SarifFormatter.Format(findings, rules, new SarifFormatter.ToolInfo(ThisBuild.Version, ThisBuild.ProjectUrl, RulePage), Uri);
            case "json":
                return JsonFormatter.Format(findings);
        }
        var sb = new StringBuilder();
        var gcc = new GccFormatter(ReadSource);
        foreach (var (d, boards) in findings)
        {
            var board = boards.Count > 0 ? boards[0] : "";
            var named = listBoards ? boards : null;
            sb.Append(format switch
            {
                "gcc" => gcc.Format(d, board, named),
                "msbuild" => MsBuildFormatter.Format(d, board, named),
                "github" => GitHubFormatter.Format(d, board, named),
                _ => DtcFormatter.Format(d, board) + (named != null ? "  " + BoardList.Describe(named) + "\n" : ""),
            });
        }
        return sb.ToString();
    }

    /// <summary>The rule's help page in the repository (docs/rules/ID-name.md); none for dtc's checks.</summary>
    public static string? RulePage(DiagnosticDescriptor d) =>
        d.Category == LintRule.Category ? $"{ThisBuild.ProjectUrl}/blob/main/docs/rules/{d.Code}-{d.Name}.md" : null;

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
