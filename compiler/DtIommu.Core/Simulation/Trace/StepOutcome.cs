using System.Collections.Generic;
using System.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>What one trace step did.</summary>
/// <param name="Line">Source line of the step.</param>
/// <param name="Text">The step as written.</param>
/// <param name="Verdict">How it ended.</param>
/// <param name="Detail">Physical address, fault reason, refusal reason, group and domain, ...</param>
/// <param name="Invalidations">Invalidation commands issued during the step, including the driver's own.</param>
/// <param name="Redundant">The step's explicit invalidation repeated work: nothing in its scope awaited invalidation.</param>
/// <param name="Stale">The access result came from a cache entry that no longer matched the tables.</param>
/// <param name="Notes">Further findings, one line each.</param>
public sealed record StepOutcome(int Line, string Text, StepVerdict Verdict, string Detail, int Invalidations, bool Redundant, bool Stale, IReadOnlyList<string> Notes)
{
    /// <summary>Stable rendering: <c>LINE: TEXT -> VERDICT: DETAIL [tags]</c> and one indented line per note.</summary>
    public void Render(StringBuilder sb)
    {
        string verdict = Verdict switch
        {
            StepVerdict.Ok => "ok",
            StepVerdict.Refused => "REFUSED",
            StepVerdict.Allowed => "allowed",
            StepVerdict.Faulted => "FAULT",
            StepVerdict.Bug => "BUG",
            _ => "ERROR",
        };
        sb.Append(Line).Append(": ").Append(Text).Append(" -> ").Append(verdict);
        if (Detail.Length > 0) sb.Append(": ").Append(Detail);
        if (Invalidations > 0) sb.Append(" [invalidations: ").Append(Invalidations).Append(']');
        if (Redundant) sb.Append(" [REDUNDANT]");
        if (Stale) sb.Append(" [STALE]");
        sb.Append('\n');
        foreach (var n in Notes) sb.Append("    ").Append(n).Append('\n');
    }
}
