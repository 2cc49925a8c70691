using System;
using DtIommu.Diagnostics;

namespace DtIommu.Lint;

/// <summary>
/// One lint rule: its descriptor (id, name, severity, help), where Linux decides it, its fix and severity reason, where it
/// fires on its example board, and the
/// body that reports its findings. Rules are declared once in a family file and listed in <see cref="LintRuleTable"/>.
/// </summary>
public sealed class LintRule
{
    /// <summary>The category every lint descriptor carries.</summary>
    public const string Category = "iommu-lint";

    /// <summary>Declares a rule.</summary>
    public LintRule(string code, string name, Severity severity, LintFamily family, string reference, string title,
        string help, string fix, string severityReason, LintExample bad, Action<LintContext> body)
    {
        Descriptor = new DiagnosticDescriptor(code, name, title, severity, help, Category, fix);
        Family = family;
        Reference = reference;
        SeverityReason = severityReason;
        Bad = bad;
        Body = body;
    }

    /// <summary>Id, name, title, default severity and help.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The rule's family.</summary>
    public LintFamily Family { get; }

    /// <summary>Where Linux decides the behaviour the rule checks (a source file and function), or the binding.</summary>
    public string Reference { get; }

    /// <summary>One line saying what to change on the board.</summary>
    public string Fix => Descriptor.Fix!;

    /// <summary>Why the rule has its default severity, against "error = Linux fails, warning = hazard, note = fact".</summary>
    public string SeverityReason { get; }

    /// <summary>
    /// Where the rule fires on its example board (<see cref="RuleExamples.BadBoard"/>); the fixed board
    /// (<see cref="RuleExamples.GoodBoard"/>) keeps it quiet.
    /// </summary>
    public LintExample Bad { get; }

    /// <summary>Reports the rule's findings into the context.</summary>
    public Action<LintContext> Body { get; }

    /// <summary>The stable id, e.g. <c>DTI1001</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>The kebab-case name used with <c>-W</c>/<c>-E</c>.</summary>
    public string Name => Descriptor.Name;

    /// <inheritdoc/>
    public override string ToString() => Code + " " + Name;
}

/// <summary>The node (and property) a rule's finding must point at on its example board.</summary>
/// <param name="NodePath">The node the finding names.</param>
/// <param name="Property">The property the finding points at, or null for the node itself.</param>
public sealed record LintExample(string NodePath, string? Property);
