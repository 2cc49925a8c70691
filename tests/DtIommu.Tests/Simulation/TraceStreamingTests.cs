using DtIommu.Diagnostics;
using DtIommu.Simulation.Trace;

namespace DtIommu.Tests.Simulation;

public class TraceStreamingTests
{
    /// <summary>A reader that never ends and never breaks a line, like /dev/zero.</summary>
    private sealed class Endless : TextReader
    {
        public long Served;

        public override int Read(char[] buffer, int index, int count)
        {
            Array.Fill(buffer, '\0', index, count);
            Served += count;
            return count;
        }
    }

    [Fact]
    public void AnEndlessLineIsALocatedErrorAfterABoundedRead()
    {
        var bag = new DiagnosticBag();
        var endless = new Endless();
        TraceParser.ParseStream(endless, "zero.trace", bag, null);
        bag.Items.Select(TraceDiagnosticFormatter.Format).ShouldBe(["zero.trace:1:16385: error: line longer than 16384 characters; is this a trace?"]);
        endless.Served.ShouldBeLessThan(1L << 20);
    }

    [Fact]
    public void AWordOverTheLimitIsALocatedError()
    {
        var bag = new DiagnosticBag();
        TraceParser.Parse("\nfree 0x" + new string('1', 2000) + " 4K\n", "w.trace", bag);
        bag.Items.Select(TraceDiagnosticFormatter.Format).ShouldBe(["w.trace:2:1: error: malformed line (a whitespace character other than space or tab, or a word longer than 1024 characters)"]);
    }

    [Fact]
    public void StreamedReportEqualsTheInMemoryOne()
    {
        const string trace = "iommu d vtd deferred\nmaster m on d pci=00:01.0\nmap m 0x1000 0x2000 4K rw\naccess  m read 0x1000 # spaced\naccess m write 0x1000\nunmap m 0x1000 4K\naccess m read 0x1000\ntimer\nnope\n";
        var ok = trace.Replace("nope\n", "");
        var streamed = new StringWriter();
        TraceRunner.RunStream(new StringReader(ok), "s.trace", new DiagnosticBag(), null, streamed);
        streamed.ToString().ShouldBe(TraceRunner.Run(ok, "s.trace"));
        streamed.ToString().ShouldContain("4: access m read 0x1000 -> allowed: phys 0x2000 (domain 255)\n");
        streamed.ToString().ShouldContain("7: access m read 0x1000 -> allowed: phys 0x2000 (domain 255, cached) [STALE]\n");
    }

    [Fact]
    public void TheStreamedHotLaneReportsExactlyWhatTheStepRecordsDo()
    {
        // Plain map/unmap/access lines run from their text when streamed; random ones, with unknown masters, stale
        // entries, WARNs, blocks and spacing the lane leaves to the parser, must replay to the same report.
        var random = new Random(77);
        string[] masters = ["m", "n", "ghost"];
        var sb = new System.Text.StringBuilder("iommu d vtd deferred\nmaster m on d pci=00:01.0 ats\niommu s smmu-v3\nmaster n on s sid=3\n");
        for (int i = 0; i < 3000; i++)
        {
            string who = masters[random.Next(masters.Length)];
            ulong iova = (ulong)random.Next(0, 8) << (random.Next(2) == 0 ? 12 : 21);
            sb.Append(random.Next(4) switch
            {
                0 => $"map {who} 0x{iova:x} 0x{iova + 0x4000_0000:x} {(random.Next(3) == 0 ? "2M" : "4K")} {(random.Next(2) == 0 ? "r" : "rw")}",
                1 => $"unmap {who} 0x{iova:x} 4K",
                2 => $"access {who} {(random.Next(2) == 0 ? "read" : "write")}  0x{iova + 0x10:x}".Replace("  ", random.Next(5) == 0 ? "  " : " "),
                _ => random.Next(2) == 0 ? "timer" : $"invalidate {who} tlbi-all",
            }).Append('\n');
        }
        var text = sb.ToString();
        var streamed = new StringWriter();
        TraceRunner.RunStream(new StringReader(text), "h.trace", new DiagnosticBag(), null, streamed);
        streamed.ToString().ShouldBe(TraceRunner.Run(text, "h.trace"));
    }

    [Fact]
    public void StreamedReplayStopsAtTheFirstLineThatDoesNotParse()
    {
        var output = new StringWriter();
        var bag = new DiagnosticBag();
        TraceRunner.RunStream(new StringReader("iommu d vtd\nmaster m on d pci=00:01.0\nnope\nmap m 0 0 4K r\nfree\n"), "e.trace", bag, null, output);
        output.ToString().ShouldBe(
            "replay e.trace\n" +
            "1: iommu d vtd -> ok: vtd: CM=0, strict unmap, 256 domain IDs, 48-bit domains, MGAW 48\n" +
            "2: master m on d pci=00:01.0 -> ok: rid 00:01.0; new group 0; domain 255 (default)\n" +
            "e.trace:3:1: error: unknown statement 'nope'; expected iommu, window, pci, master, attach, detach, map, unmap, access, invalidate, queue, sync, reset, ddw, timer or free\n" +
            "e.trace:5:5: error: 'free' needs a physical address\n" +
            "e.trace:5:5: error: 'free' needs a size\n");
        bag.HasErrors.ShouldBeTrue();
    }
}
