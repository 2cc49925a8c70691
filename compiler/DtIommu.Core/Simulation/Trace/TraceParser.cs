using System.Collections.Generic;
using System.Linq;
using DtIommu.Diagnostics;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// Parses DMA traces: one statement per line, declarations (<c>iommu</c>, <c>window</c>, <c>pci</c>, <c>master</c>)
/// and per-master steps (<c>attach</c>, <c>detach</c>, <c>map</c>, <c>unmap</c>, <c>access</c>, <c>invalidate</c>,
/// <c>ddw</c>) plus <c>free</c>. Errors are reported as located diagnostics and the offending line is dropped; it never throws.
/// </summary>
public static class TraceParser
{
    private static readonly string[] NoNames = [];

    /// <summary>Parses <paramref name="text"/>; problems go to <paramref name="diagnostics"/>.</summary>
    public static TraceScript Parse(string text, string fileName, DiagnosticBag diagnostics)
    {
        var steps = new List<TraceStep>();
        ParseStream(new System.IO.StringReader(text), fileName, diagnostics, steps.Add);
        return new TraceScript(fileName, steps);
    }

    /// <summary>
    /// Parses a trace as it is read, handing each statement to <paramref name="onStep"/> (null: only check it); the
    /// trace is never held in memory whole. A line longer than <see cref="TraceLineReader.MaxLineLength"/> ends parsing
    /// with a located error.
    /// </summary>
    public static void ParseStream(System.IO.TextReader reader, string fileName, DiagnosticBag diagnostics, System.Action<TraceStep>? onStep) =>
        ParseStream(reader, fileName, diagnostics, onStep, null);

    /// <summary>As above; <paramref name="hot"/> may consume a line first (the replayer's allocation-free lane for plain map, unmap and access lines).</summary>
    internal static void ParseStream(System.IO.TextReader reader, string fileName, DiagnosticBag diagnostics, System.Action<TraceStep>? onStep, System.Func<string, int, bool>? hot)
    {
        var names = new Dictionary<string, SourceSpan>();
        var lines = new TraceLineReader(reader);
        while (lines.ReadLine() is string text)
        {
            if (hot != null && hot(text, lines.LineNumber)) continue;
            if (ParseLine(text, lines.LineNumber, fileName, diagnostics, names) is TraceStep step) onStep?.Invoke(step);
        }
        if (lines.TooLong)
            diagnostics.Report(TraceDiagnostics.Syntax, $"line longer than {TraceLineReader.MaxLineLength} characters; is this a trace?",
                SourceSpan.At(fileName, lines.LineNumber, TraceLineReader.MaxLineLength + 1));
    }

    private static TraceStep? ParseLine(string text, int number, string fileName, DiagnosticBag diagnostics, Dictionary<string, SourceSpan> names)
    {
        if (FastStepParser.TryParse(text, number, fileName) is TraceStep fast) return fast;
        var tokens = TraceLexer.Tokenize(text);
        if (tokens == null)
        {
            diagnostics.Report(TraceDiagnostics.Syntax, $"malformed line (a whitespace character other than space or tab, or a word longer than {TraceLexer.MaxTokenLength} characters)", SourceSpan.At(fileName, number, 1));
            return null;
        }
        if (tokens.Count == 0) return null;
        var line = new TraceLine(fileName, number, tokens, diagnostics);
        var step = ParseStatement(line);
        if (step == null || line.Failed) return null;
        if (DeclaredName(step) is TraceName n)
        {
            if (names.TryGetValue(n.Name, out var first))
            {
                diagnostics.Report(TraceDiagnostics.DuplicateName, $"'{n.Name}' is already declared at {first.File}:{first.Line}:{first.Column}", n.Span, [first]);
                return null;
            }
            names[n.Name] = n.Span;
        }
        return step;
    }

    private static TraceName? DeclaredName(TraceStep step) => step switch
    {
        IommuStep s => s.Name,
        MasterStep s => s.Name,
        PciStep s => new TraceName(s.Function.Name, s.Span),
        _ => null,
    };

    private static TraceStep? ParseStatement(TraceLine line)
    {
        var keyword = line.Tokens[0];
        switch (keyword.Text)
        {
            case "iommu": return TraceDeclarationParser.ParseIommu(line);
            case "window": return TraceDeclarationParser.ParseWindow(line);
            case "pci": return TraceDeclarationParser.ParsePci(line);
            case "master": return TraceDeclarationParser.ParseMaster(line);
            case "attach": return ParseAttach(line);
            case "detach":
            {
                var m = line.Name(1, "a master");
                line.NoMoreArgs(2);
                return m is TraceName n ? new DetachStep(line.Span, line.Text, n) : null;
            }
            case "map": return ParseMap(line);
            case "unmap":
            {
                var m = line.Name(1, "a master");
                var iova = line.Num(line.Arg(2, "an IOVA"), "IOVA");
                var size = line.Num(line.Arg(3, "a size"), "size");
                line.NoMoreArgs(4);
                return m is TraceName n && iova is ulong a && size is ulong s ? new UnmapStep(line.Span, line.Text, n, a, s) : null;
            }
            case "access": return ParseAccess(line);
            case "invalidate": return ParseInvalidate(line);
            case "queue":
                return ParseInvalidate(line) is InvalidateStep q ? new QueueStep(q.Span, q.Text, q.Master, q.Kind, q.Iova, q.Size) : null;
            case "sync":
            case "reset":
            {
                var m = line.Name(1, "a master");
                line.NoMoreArgs(2);
                if (m is not TraceName n) return null;
                return keyword.Text == "sync" ? new SyncStep(line.Span, line.Text, n) : new ResetStep(line.Span, line.Text, n);
            }
            case "ddw": return ParseDdw(line);
            case "timer":
                line.NoMoreArgs(1);
                return new TimerStep(line.Span, line.Text);
            case "free":
            {
                var phys = line.Num(line.Arg(1, "a physical address"), "physical address");
                var size = line.Num(line.Arg(2, "a size"), "size");
                line.NoMoreArgs(3);
                return phys is ulong p && size is ulong s ? new FreeStep(line.Span, line.Text, p, s) : null;
            }
            default:
                line.Report(TraceDiagnostics.UnknownStatement, keyword.Span(line.File, line.Number),
                    $"unknown statement '{keyword.Text}'; expected iommu, window, pci, master, attach, detach, map, unmap, access, invalidate, queue, sync, reset, ddw, timer or free");
                return null;
        }
    }

    private static TraceStep? ParseAttach(TraceLine line)
    {
        var m = line.Name(1, "a master");
        if (m is not TraceName n) return null;
        if (line.Tokens.Count < 3)
        {
            line.Report(TraceDiagnostics.MissingArgument, line.EndSpan(), "'attach' needs domain=N, domain=NAME, 'identity' or 'default'");
            return null;
        }
        var t = line.Tokens[2];
        uint? domain = null;
        if (t.Text == "default") { }
        else if (t.Text == "identity")
        {
            line.NoMoreArgs(3);
            return line.Failed ? null : new AttachStep(line.Span, line.Text, n, null, Identity: true);
        }
        else if (t.Key == "domain" && t.Value is { Length: > 0 } v0 && char.IsLetter(v0[0]))
        {
            line.NoMoreArgs(3);
            return line.Failed ? null : new AttachStep(line.Span, line.Text, n, null, Named: v0);
        }
        else
        {
            var v = t.Key == "domain" ? line.NumberValue(t, "domain") : t.Key == null ? line.Num(t, "domain") : null;
            if (t.Key != null && t.Key != "domain") line.Report(TraceDiagnostics.UnknownOption, t.Span(line.File, line.Number), $"unknown option '{t.Text}' for attach; expected domain=N, domain=NAME, 'identity' or 'default'");
            if (v > uint.MaxValue) line.Report(TraceDiagnostics.BadValue, t.Span(line.File, line.Number), "domain IDs have 32 bits");
            domain = (uint)(v ?? 0);
        }
        line.NoMoreArgs(3);
        return line.Failed ? null : new AttachStep(line.Span, line.Text, n, domain);
    }

    private static TraceStep? ParseMap(TraceLine line)
    {
        var m = line.Name(1, "a master");
        var iova = line.Num(line.Arg(2, "an IOVA"), "IOVA");
        var phys = line.Num(line.Arg(3, "a physical address"), "physical address");
        var size = line.Num(line.Arg(4, "a size"), "size");
        var permToken = line.Arg(5, "a permission (r, w, rw or none)");
        DmaPermission? perm = null;
        if (permToken != null)
        {
            perm = TraceLexer.ParsePermission(permToken.Text);
            if (perm == null) line.Report(TraceDiagnostics.BadValue, permToken.Span(line.File, line.Number), $"invalid permission '{permToken.Text}'; expected r, w, rw or none");
        }
        line.NoMoreArgs(6);
        return m is TraceName n && iova is ulong a && phys is ulong p && size is ulong s && perm is DmaPermission pm
            ? new MapStep(line.Span, line.Text, n, a, p, s, pm) : null;
    }

    private static TraceStep? ParseAccess(TraceLine line)
    {
        var m = line.Name(1, "a master");
        var dirToken = line.Arg(2, "a direction (read or write)");
        DmaDirection? dir = null;
        if (dirToken != null)
        {
            dir = TraceLexer.ParseDirection(dirToken.Text);
            if (dir == null) line.Report(TraceDiagnostics.BadValue, dirToken.Span(line.File, line.Number), $"invalid direction '{dirToken.Text}'; expected read or write");
        }
        var iova = line.Num(line.Arg(3, "an IOVA"), "IOVA");
        line.NoMoreArgs(4);
        return m is TraceName n && dir is DmaDirection d && iova is ulong a ? new AccessStep(line.Span, line.Text, n, d, a) : null;
    }

    private static TraceStep? ParseInvalidate(TraceLine line)
    {
        var m = line.Name(1, "a master");
        var kind = line.Name(2, "an invalidation kind");
        ulong iova = 0, size = 0;
        if (line.Tokens.Count > 3)
        {
            iova = line.Num(line.Arg(3, "an IOVA"), "IOVA") ?? 0;
            size = line.Num(line.Arg(4, "a size"), "size") ?? 0;
        }
        line.NoMoreArgs(5);
        return m is TraceName n && kind is TraceName k ? new InvalidateStep(line.Span, line.Text, n, k, iova, size) : null;
    }

    private static TraceStep? ParseDdw(TraceLine line)
    {
        var m = line.Name(1, "a master");
        if (m is not TraceName n) return null;
        var o = TraceOptions.Read(line, 2, "ddw", ["window-shift", "max-page-shift"], NoNames);
        if (o.Token("window-shift") == null) line.Report(TraceDiagnostics.MissingArgument, line.EndSpan(), "'ddw' needs window-shift=N");
        int ws = o.Int("window-shift", 0), ps = o.Int("max-page-shift", 63);
        return line.Failed ? null : new DdwStep(line.Span, line.Text, n, ws, ps);
    }
}
