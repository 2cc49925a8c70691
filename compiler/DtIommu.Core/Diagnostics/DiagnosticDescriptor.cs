namespace DtIommu.Diagnostics;

/// <summary>
/// Describes one kind of diagnostic once (code, name, title, default severity, help), as Roslyn's descriptors do;
/// every report refers to it.
/// </summary>
/// <param name="Code">Stable code shown to MSBuild and SARIF, such as <c>DT1001</c> or <c>DTI1001</c>.</param>
/// <param name="Name">User-facing name used with <c>-W</c>/<c>-E</c>: dtc's check name or a kebab-case rule name.</param>
/// <param name="Title">One-line description of the problem.</param>
/// <param name="DefaultSeverity">Severity when no option changes it.</param>
/// <param name="Help">Longer explanation: why it matters and how to fix it.</param>
/// <param name="Category">Family of the diagnostic: <c>syntax</c>, <c>dtc-check</c>, <c>iommu</c>, ...</param>
/// <param name="Fix">One line saying what to change, printed under each finding; null when there is none to give.</param>
public sealed record DiagnosticDescriptor(
    string Code,
    string Name,
    string Title,
    Severity DefaultSeverity,
    string Help,
    string Category,
    string? Fix = null);
