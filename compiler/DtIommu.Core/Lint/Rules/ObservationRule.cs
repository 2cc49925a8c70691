using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Lint.Rules;

/// <summary>Declares a rule whose findings are the IOMMU model's observations of some kinds, unchanged.</summary>
internal static class ObservationRule
{
    /// <summary>A rule that reports every observation of <paramref name="kinds"/>.</summary>
    public static LintRule Create(string code, string name, Severity severity, LintFamily family, string reference,
        string title, string help, string fix, string severityReason, LintExample bad, params ObservationKind[] kinds) =>
        new(code, name, severity, family, reference, title, help, fix, severityReason, bad, c => c.ReportObservations(kinds));
}
