using DtIommu.Diagnostics;
using DtIommu.Lint;

namespace DtIommu.Cli;

/// <summary>
/// What <c>lint</c> reports: the IOMMU findings, apart from dtc's own checks (<c>--dtc-checks</c> adds those), without
/// notes (<c>--notes</c> adds them); a rule or check named with <c>-W</c>/<c>-E</c> is always reported.
/// </summary>
/// <param name="DtcChecks">Report dtc's checks.</param>
/// <param name="Notes">Report notes.</param>
/// <param name="Named">Rule and check names given to <c>-W</c>/<c>-E</c> (without <c>no-</c>).</param>
internal sealed record ReportFilter(bool DtcChecks, bool Notes, IReadOnlySet<string> Named)
{
    /// <summary>The category of dtc's checks (see DtIommu.Checks).</summary>
    private const string DtcCheckCategory = "dtc-check";

    /// <summary>True when a compiler message is reported: always, except dtc's checks unless asked for.</summary>
    public bool ShowsCompilerMessage(Diagnostic d) =>
        d.Descriptor.Category != DtcCheckCategory || DtcChecks || Named.Contains(d.Descriptor.Name);

    /// <summary>True when a lint finding is reported: notes only when asked for.</summary>
    public bool ShowsFinding(Diagnostic d) =>
        d.Severity != Severity.Note || d.Descriptor.Category != LintRule.Category || Notes || Named.Contains(d.Descriptor.Name);
}
