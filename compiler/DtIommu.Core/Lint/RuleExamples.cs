using System.IO;

namespace DtIommu.Lint;

/// <summary>
/// Each rule's two example boards, kept as DTS files under <see cref="Folder"/>: <c>ID-name.dts</c> triggers the rule
/// where <see cref="LintRule.Bad"/> says, <c>ID-name.good.dts</c> is the same board fixed.
/// </summary>
public static class RuleExamples
{
    /// <summary>The repository folder of the example boards.</summary>
    public const string Folder = "examples/boards/rules";

    /// <summary>The repository-relative path of the board that triggers <paramref name="rule"/>.</summary>
    public static string BadBoard(LintRule rule) => Folder + "/" + BaseName(rule) + ".dts";

    /// <summary>The repository-relative path of the fixed board.</summary>
    public static string GoodBoard(LintRule rule) => Folder + "/" + BaseName(rule) + ".good.dts";

    /// <summary><c>ID-name</c>, the stem of the rule's page and boards.</summary>
    public static string BaseName(LintRule rule) => rule.Code + "-" + rule.Name;

    /// <summary>Reads a board given by a repository-relative path below <paramref name="root"/>.</summary>
    public static string Read(string root, string board) => File.ReadAllText(Path.Combine(root, board)).Replace("\r\n", "\n");
}
