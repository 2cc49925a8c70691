using System.Collections.Generic;
using System.Text;
using DtIommu.Diagnostics;

namespace DtIommu.Lint;

/// <summary>
/// Writes the rule help pages (<c>docs/rules/</c>) from the rule declarations and their example boards, so the
/// documentation cannot drift from the code.
/// </summary>
public static class RuleDocsGenerator
{
    /// <summary>Folder of the help pages, relative to the repository root.</summary>
    public const string DocsFolder = "docs/rules";

    /// <summary>Every generated file (repository-relative path with <c>/</c>, and content), reading the example boards below <paramref name="root"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Generate(string root)
    {
        var files = new List<KeyValuePair<string, string>> { new(DocsFolder + "/README.md", Index()) };
        foreach (var r in LintRuleTable.All)
            files.Add(new(DocsFolder + "/" + RuleExamples.BaseName(r) + ".md", Page(r, root)));
        return files;
    }

    private static string Index()
    {
        var sb = new StringBuilder();
        sb.Append("# dtiommu lint rules\n\n");
        sb.Append("Generated from the rule declarations in `compiler/DtIommu.Core/Lint/Rules/` by `RuleDocsGenerator`; a test fails when this folder is out of date.\n");
        sb.Append("Rules are named by id or name with `-W`/`-E` (`-W no-NAME` disables one). The ids are stable.\n\n");
        sb.Append("## Severities\n\n");
        sb.Append("Every rule's default severity follows one discipline, and each rule page says why it has its own:\n\n");
        sb.Append("- **error**: Linux fails or corrupts memory on this board as written: a probe or DMA setup fails, a translation is wrong, ")
          .Append("or two masters that the binding promises to isolate cannot be.\n");
        sb.Append("- **warning**: a real hazard a reviewer must act on: the board works only by accident, or a device silently loses ")
          .Append("protection or addresses it was given.\n");
        sb.Append("- **note**: a true fact of the design (a master without IOMMU, a shared group, a bounce buffer). Notes are not ")
          .Append("shown by default; `--notes` or `-W NAME` shows them.\n\n");
        sb.Append("Findings on nodes that are disabled, themselves or through an ancestor, are not reported: Linux never probes them ")
          .Append("(`--include-disabled` shows them as notes). Findings are judged against Linux 6.12 and the corpus of Linux boards; ")
          .Append("see `docs/iommu-corpus.md`.\n\n");
        foreach (var family in new[] { LintFamily.Structural, LintFamily.Window, LintFamily.Isolation, LintFamily.Reachability })
        {
            sb.Append("## ").Append(family).Append("\n\n| id | name | severity | summary | why this severity |\n|---|---|---|---|---|\n");
            foreach (var r in LintRuleTable.All)
            {
                if (r.Family != family) continue;
                sb.Append("| [").Append(r.Code).Append("](").Append(RuleExamples.BaseName(r)).Append(".md) | `").Append(r.Name).Append("` | ")
                  .Append(SeverityText(r.Descriptor.DefaultSeverity)).Append(" | ").Append(r.Descriptor.Title.Replace("|", "\\|")).Append(" | ").Append(r.SeverityReason.Replace("|", "\\|")).Append(" |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Page(LintRule r, string root)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(r.Code).Append(' ').Append(r.Name).Append("\n\n");
        sb.Append("**").Append(r.Descriptor.Title).Append("**\n\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append("| id | `").Append(r.Code).Append("` |\n");
        sb.Append("| name | `").Append(r.Name).Append("` |\n");
        sb.Append("| default severity | ").Append(SeverityText(r.Descriptor.DefaultSeverity)).Append(" |\n");
        sb.Append("| family | ").Append(r.Family).Append(" |\n");
        sb.Append("| Linux | ").Append(r.Reference).Append(" |\n\n");
        sb.Append(r.Descriptor.Help).Append("\n\n");
        sb.Append("**Fix:** ").Append(r.Fix).Append("\n\n");
        sb.Append("**Why this severity:** ").Append(r.SeverityReason).Append("\n\n");
        sb.Append("## Bad\n\nReported at `").Append(Where(r.Bad)).Append("`:\n\n```dts\n").Append(Board(root, RuleExamples.BadBoard(r))).Append("```\n\n");
        sb.Append("## Good\n\n```dts\n").Append(Board(root, RuleExamples.GoodBoard(r))).Append("```\n\n");
        sb.Append("## Options\n\n`-W no-").Append(r.Name).Append("` disables the rule, `-E ").Append(r.Name)
          .Append("` makes it an error; `-W ").Append(r.Code).Append("` works as well. Example board: `")
          .Append(RuleExamples.BadBoard(r)).Append("` (fixed: `").Append(RuleExamples.GoodBoard(r)).Append("`).\n");
        return sb.ToString();
    }

    // The page shows the board without its first-line comment, which only says what the page says already.
    private static string Board(string root, string board)
    {
        var text = RuleExamples.Read(root, board);
        return text.StartsWith("//", System.StringComparison.Ordinal) ? text.Substring(text.IndexOf('\n') + 1) : text;
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
