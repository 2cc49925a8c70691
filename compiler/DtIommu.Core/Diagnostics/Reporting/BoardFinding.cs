using System.Collections.Generic;

namespace DtIommu.Diagnostics.Reporting;

/// <summary>One finding as reported across a run: a finding in a shared <c>.dtsi</c> appears once, with every board it affects.</summary>
/// <param name="Finding">The finding (position, message, rule).</param>
/// <param name="Boards">The boards it was found on, in the order they were linted.</param>
public sealed record BoardFinding(Diagnostic Finding, IReadOnlyList<string> Boards);
