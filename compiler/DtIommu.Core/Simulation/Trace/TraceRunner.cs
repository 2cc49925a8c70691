using System.Text;
using DtIommu.Diagnostics;

namespace DtIommu.Simulation.Trace;

/// <summary>Parse, replay and render in one call: what <c>dtiommu simulate</c> and the example tests print.</summary>
public static class TraceRunner
{
    /// <summary>
    /// The replay report of <paramref name="text"/> followed by any replay diagnostics, or only the parse
    /// diagnostics when the trace does not parse. Declarations in the trace extend <paramref name="platform"/>.
    /// </summary>
    public static string Run(string text, string fileName, SimulatedPlatform? platform = null) => Run(text, fileName, new DiagnosticBag(), platform);

    /// <summary>As <see cref="Run(string, string, SimulatedPlatform?)"/>, collecting diagnostics in <paramref name="diagnostics"/>.</summary>
    public static string Run(string text, string fileName, DiagnosticBag diagnostics, SimulatedPlatform? platform)
    {
        var report = TraceReplayer.ParseAndReplay(text, fileName, diagnostics, platform);
        var sb = new StringBuilder();
        if (report != null) sb.Append(report.Render());
        foreach (var d in diagnostics.Items) sb.Append(TraceDiagnosticFormatter.Format(d)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The same report written to <paramref name="output"/> as the trace streams in (what <c>dtiommu simulate</c>
    /// uses); a trace that stops parsing stops replaying there (see <see cref="TraceReplayer.ReplayStream"/>).
    /// </summary>
    public static void RunStream(System.IO.TextReader input, string fileName, DiagnosticBag diagnostics, SimulatedPlatform? platform, System.IO.TextWriter output)
    {
        TraceReplayer.ReplayStream(input, fileName, platform ?? new SimulatedPlatform(), diagnostics, output);
        foreach (var d in diagnostics.Items) output.Write(TraceDiagnosticFormatter.Format(d) + "\n");
    }
}
