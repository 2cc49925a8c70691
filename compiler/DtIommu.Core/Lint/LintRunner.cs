using System;
using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Model;

namespace DtIommu.Lint;

/// <summary>Runs the rule table over one tree.</summary>
public static class LintRunner
{
    /// <summary>A rule body threw: reported instead of aborting the other rules, so one defect never hides the rest.</summary>
    public static readonly DiagnosticDescriptor RuleFailed = new("DTI0001", "rule-failed",
        "A lint rule failed on this input", Severity.Error,
        "A rule threw an exception. This is a defect in dtiommu; the other rules still ran. Please report it with the input.",
        LintRule.Category);

    /// <summary>Builds the IOMMU model of <paramref name="tree"/> and runs every enabled rule in table order.</summary>
    public static LintResult Run(DeviceTree tree, BindingCatalog catalog, LintSettings settings)
    {
        var model = IommuModelBuilder.Build(tree, catalog);
        return Run(tree, model, catalog, settings);
    }

    /// <summary>Runs every enabled rule over an already built model.</summary>
    public static LintResult Run(DeviceTree tree, IommuModel model, BindingCatalog catalog, LintSettings settings)
    {
        var bag = new DiagnosticBag();
        var context = new LintContext(tree, model, catalog, settings, bag);
        foreach (var rule in LintRuleTable.All)
        {
            if (settings.SeverityOf(rule) == Severity.Off) continue;
            context.Current = rule;
            try
            {
                rule.Body(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                bag.Report(RuleFailed, $"{rule.Code} {rule.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        context.Current = null;
        return new LintResult(model, bag.Items);
    }
}

/// <summary>The findings of one lint run and the model they were computed from.</summary>
/// <param name="Model">The IOMMU model.</param>
/// <param name="Findings">Findings in rule-table order.</param>
public sealed record LintResult(IommuModel Model, IReadOnlyList<Diagnostic> Findings);
