using System;
using System.Collections.Generic;
using DtIommu.Diagnostics;

namespace DtIommu.Lint;

/// <summary>
/// The effective severity of every rule, changed by <c>-W</c>/<c>-E</c> with dtc's meaning: <c>-W name</c> enables as a
/// warning, <c>-E name</c> as an error, a <c>no-</c> prefix lowers; a rule is named by its id or its name.
/// </summary>
public sealed class LintSettings
{
    private readonly Dictionary<string, Severity> _severity = new(StringComparer.Ordinal);

    /// <summary>Creates settings with every rule at its default severity.</summary>
    public LintSettings()
    {
        foreach (var r in LintRuleTable.All) _severity[r.Code] = r.Descriptor.DefaultSeverity;
    }

    /// <summary>Treats every warning as an error (<c>--warnings-as-errors</c>).</summary>
    public bool WarningsAsErrors { get; set; }

    /// <summary>
    /// Reports findings on disabled nodes (themselves or through an ancestor) as notes (<c>--include-disabled</c>);
    /// by default they are dropped, since Linux never probes those nodes.
    /// </summary>
    public bool IncludeDisabled { get; set; }

    /// <summary>The severity findings of <paramref name="rule"/> are reported with.</summary>
    public Severity SeverityOf(LintRule rule)
    {
        var s = _severity[rule.Code];
        return WarningsAsErrors && s == Severity.Warning ? Severity.Error : s;
    }

    /// <summary>
    /// Applies a <c>-W</c> (<paramref name="isError"/> false) or <c>-E</c> argument naming a rule; false when the name is
    /// not a lint rule (it may still be a dtc check).
    /// </summary>
    public bool TryApply(string argument, bool isError)
    {
        var name = argument;
        var enable = true;
        if (argument.StartsWith("no-", StringComparison.Ordinal) || argument.StartsWith("no_", StringComparison.Ordinal))
        {
            name = argument.Substring(3);
            enable = false;
        }
        var rule = LintRuleTable.Find(name);
        if (rule == null) return false;
        var current = _severity[rule.Code];
        if (enable)
            _severity[rule.Code] = isError ? Severity.Error : current == Severity.Off ? Severity.Warning : current;
        else if (isError)
            _severity[rule.Code] = current == Severity.Error ? Severity.Warning : current;
        else
            _severity[rule.Code] = Severity.Off;
        return true;
    }
}
