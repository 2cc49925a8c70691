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
    // An access that reached memory keeps its address and place apart, so that a streamed report writes them without
    // building the detail string; Detail builds it only when someone asks.
    private string? _detail = Detail;
    private ulong _physical;
    private string? _where;

    /// <summary>Physical address, fault reason, refusal reason, group and domain, ...</summary>
    public string Detail
    {
        get => _detail ??= $"phys 0x{_physical:x} ({_where})";
        init => _detail = value;
    }

    /// <summary>An access that reached <paramref name="physical"/>, described as <c>phys 0xADDR (WHERE)</c>.</summary>
    internal static StepOutcome Reached(int line, string text, StepVerdict verdict, ulong physical, string where, int invalidations, bool stale, IReadOnlyList<string> notes) =>
        new(line, text, verdict, null!, invalidations, false, stale, notes) { _physical = physical, _where = where };

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
        if (_detail == null) AppendHex(sb.Append(": phys 0x"), _physical).Append(" (").Append(_where).Append(')');
        else if (_detail.Length > 0) sb.Append(": ").Append(_detail);
        if (Invalidations > 0) sb.Append(" [invalidations: ").Append(Invalidations).Append(']');
        if (Redundant) sb.Append(" [REDUNDANT]");
        if (Stale) sb.Append(" [STALE]");
        sb.Append('\n');
        for (int i = 0; i < Notes.Count; i++) sb.Append("    ").Append(Notes[i]).Append('\n');
    }

    // Lower-case hex without a string per number (netstandard2.0 has no span overloads of Append).
    private static StringBuilder AppendHex(StringBuilder sb, ulong value)
    {
        int shift = 60;
        while (shift > 0 && (value >> shift) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) sb.Append("0123456789abcdef"[(int)((value >> shift) & 15)]);
        return sb;
    }
}
