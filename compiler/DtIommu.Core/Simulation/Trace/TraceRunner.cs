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
    /// uses): <paramref name="open"/> is called once per pass over the trace.
    /// </summary>
    public static void RunStream(System.Func<System.IO.TextReader> open, string fileName, DiagnosticBag diagnostics, SimulatedPlatform? platform, System.IO.TextWriter output)
    {
        TraceReplayer.ReplayStream(open, fileName, platform ?? new SimulatedPlatform(), diagnostics, output);
        foreach (var d in diagnostics.Items) output.Write(TraceDiagnosticFormatter.Format(d) + "\n");
    }
}
