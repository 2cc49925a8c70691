using System.Collections.Generic;
using System.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>The result of replaying a trace: per-step outcomes, totals, fault logs, pending invalidations and groups.</summary>
/// <param name="TraceName">The trace's file name.</param>
/// <param name="Steps">One outcome per step.</param>
/// <param name="Summary">Totals.</param>
/// <param name="Faults">Every IOMMU's fault log, IOMMU by IOMMU.</param>
/// <param name="Pending">Table changes no invalidation covered by the end of the trace.</param>
/// <param name="Groups">One line per group: IOMMU, members, current and default domain.</param>
public sealed record ReplayReport(string TraceName, IReadOnlyList<StepOutcome> Steps, ReplaySummary Summary, IReadOnlyList<DmaFault> Faults, IReadOnlyList<string> Pending, IReadOnlyList<string> Groups)
{
    /// <summary>The stable text that example expected outputs compare byte for byte ('\n' line ends).</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("replay ").Append(TraceName).Append('\n');
        foreach (var s in Steps) s.Render(sb);
        sb.Append(Summary.Render()).Append('\n');
        Section(sb, "groups", Groups);
        var faults = new List<string>();
        foreach (var f in Faults) faults.Add(f.Render());
        Section(sb, "fault log", faults);
        Section(sb, "pending invalidations", Pending);
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            sb.Append(title).Append(": none\n");
            return;
        }
        sb.Append(title).Append(":\n");
        foreach (var l in lines) sb.Append("  ").Append(l).Append('\n');
    }
}
