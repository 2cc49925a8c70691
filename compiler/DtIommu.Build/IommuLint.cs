using System;
using DtIommu.Iommu.Bindings;
using DtIommu.Lint;
using DtIommu.Model;
using Microsoft.Build.Framework;

namespace DtIommu.Build;

/// <summary>
/// The IOMMU/DMA lint rules behind <c>DeviceTreeLint</c>: findings are logged with the rules' own codes (DTI1xxx), so
/// <c>NoWarn</c> and <c>WarningsAsErrors</c> take them as they take dtc's; rule names work in <c>Checks</c> too.
/// </summary>
internal static class IommuLint
{
    // The shipped bindings are embedded in DtIommu.Core; parsing them once serves every tree of the build node.
    private static readonly Lazy<BindingCatalog> Catalog = new(BindingCatalog.LoadShipped);

    /// <summary>Rule severities from the item's <c>Checks</c> and the project's rule names in NoWarn/WarningsAsErrors.</summary>
    public static LintSettings Settings(ITaskItem item, string? noWarn, string? warningsAsErrors)
    {
        var settings = new LintSettings();
        foreach (var name in DeviceTreeSettings.Codes(noWarn))
            if (DeviceTreeSettings.IsLintRule(name)) settings.TryApply("no-" + name, isError: false);
        foreach (var name in DeviceTreeSettings.Codes(warningsAsErrors))
            if (DeviceTreeSettings.IsLintRule(name)) settings.TryApply(name, isError: true);
        foreach (var (isError, argument) in DeviceTreeSettings.LintOptions(item))
            settings.TryApply(argument, isError);
        return settings;
    }

    /// <summary>Runs the rules on <paramref name="tree"/> and logs each finding.</summary>
    public static void Run(DeviceTree tree, LintSettings settings, DiagnosticReporter reporter, string file)
    {
        foreach (var finding in LintRunner.Run(tree, Catalog.Value, settings).Findings) reporter.Report(finding, file);
    }
}
