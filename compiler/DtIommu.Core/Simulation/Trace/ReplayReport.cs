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
        RenderTail(sb, Summary, Faults, Pending, Groups);
        return sb.ToString();
    }

    /// <summary>The part after the steps: summary, groups, fault log, pending invalidations.</summary>
    public static void RenderTail(StringBuilder sb, ReplaySummary summary, IReadOnlyList<DmaFault> faults, IReadOnlyList<string> pending, IReadOnlyList<string> groups)
    {
        sb.Append(summary.Render()).Append('\n');
        Section(sb, "groups", groups);
        var lines = new List<string>();
        foreach (var f in faults) lines.Add(f.Render());
        Section(sb, "fault log", lines);
        Section(sb, "pending invalidations", pending);
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
