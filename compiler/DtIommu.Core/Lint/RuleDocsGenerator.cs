using System.Collections.Generic;
using System.Text;
using DtIommu.Diagnostics;

namespace DtIommu.Lint;

/// <summary>
/// Writes the rule help pages (<c>docs/rules/</c>) and the per-rule example boards (<c>examples/boards/rules/</c>) from
/// the rule declarations, so documentation and examples cannot drift from the code.
/// </summary>
public static class RuleDocsGenerator
{
    /// <summary>Folder of the help pages, relative to the repository root.</summary>
    public const string DocsFolder = "docs/rules";

    /// <summary>Folder of the triggering boards, relative to the repository root.</summary>
    public const string BoardsFolder = "examples/boards/rules";

    /// <summary>The file name (without folder) of a rule's page and board.</summary>
    public static string BaseName(LintRule rule) => rule.Code + "-" + rule.Name;

    /// <summary>Every generated file: repository-relative path (with <c>/</c>) and content.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Generate()
    {
        var files = new List<KeyValuePair<string, string>> { new(DocsFolder + "/README.md", Index()) };
        foreach (var r in LintRuleTable.All)
        {
            files.Add(new(DocsFolder + "/" + BaseName(r) + ".md", Page(r)));
            files.Add(new(BoardsFolder + "/" + BaseName(r) + ".dts", "// Generated from the declaration of " + r.Code + " " + r.Name +
                " (RuleDocsGenerator): triggers the rule at " + Where(r.Bad) + ".\n" + r.Bad.Source));
        }
        return files;
    }

    private static string Index()
    {
        var sb = new StringBuilder();
        sb.Append("# dtiommu lint rules\n\n");
        sb.Append("Generated from the rule declarations in `compiler/DtIommu.Core/Lint/Rules/` by `RuleDocsGenerator`; a test fails when this folder is out of date.\n");
        sb.Append("Rules are named by id or name with `-W`/`-E` (`-W no-NAME` disables one). The ids are stable.\n\n");
        foreach (var family in new[] { LintFamily.Structural, LintFamily.Window, LintFamily.Isolation, LintFamily.Reachability })
        {
            sb.Append("## ").Append(family).Append("\n\n| id | name | severity | summary |\n|---|---|---|---|\n");
            foreach (var r in LintRuleTable.All)
            {
                if (r.Family != family) continue;
                sb.Append("| [").Append(r.Code).Append("](").Append(BaseName(r)).Append(".md) | `").Append(r.Name).Append("` | ")
                  .Append(SeverityText(r.Descriptor.DefaultSeverity)).Append(" | ").Append(r.Descriptor.Title.Replace("|", "\\|")).Append(" |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Page(LintRule r)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(r.Code).Append(' ').Append(r.Name).Append("\n\n");
        sb.Append("**").Append(r.Descriptor.Title).Append("**\n\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append("| id | `").Append(r.Code).Append("` |\n");
        sb.Append("| name | `").Append(r.Name).Append("` |\n");
        sb.Append("| default severity | ").Append(SeverityText(r.Descriptor.DefaultSeverity)).Append(" |\n");
        sb.Append("| family | ").Append(r.Family).Append(" |\n");
        sb.Append("| reference | ").Append(r.Reference).Append(" (iommu.md §6) |\n\n");
        sb.Append(r.Descriptor.Help).Append("\n\n");
        sb.Append("## Bad\n\nReported at `").Append(Where(r.Bad)).Append("`:\n\n```dts\n").Append(r.Bad.Source).Append("```\n\n");
        sb.Append("## Good\n\n```dts\n").Append(r.Good).Append("```\n\n");
        sb.Append("## Options\n\n`-W no-").Append(r.Name).Append("` disables the rule, `-E ").Append(r.Name)
          .Append("` makes it an error; `-W ").Append(r.Code).Append("` works as well. Example board: `")
          .Append(BoardsFolder).Append('/').Append(BaseName(r)).Append(".dts`.\n");
        return sb.ToString();
    }

    private static string Where(LintExample e) => e.Property == null ? e.NodePath : e.NodePath + ":" + e.Property;

    private static string SeverityText(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "off (enable with -W)",
    };
}
