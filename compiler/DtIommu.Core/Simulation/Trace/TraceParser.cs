using System.Collections.Generic;
using System.Linq;
using DtIommu.Diagnostics;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// Parses DMA traces: one statement per line, declarations (<c>iommu</c>, <c>window</c>, <c>pci</c>, <c>master</c>)
/// and per-master steps (<c>attach</c>, <c>detach</c>, <c>map</c>, <c>unmap</c>, <c>access</c>, <c>invalidate</c>,
/// <c>ddw</c>) plus <c>free</c>. Errors are reported as located diagnostics and the offending line is dropped; it never throws.
/// </summary>
public static class TraceParser
{
    private static readonly string[] VtdKeys = ["cm", "strict", "domains", "aw", "mgaw", "psi", "max-amask", "flush-queue", "iotlb-sets", "iotlb-ways", "context-cache"];
    private static readonly string[] VtdFlags = ["cm", "strict", "deferred", "psi"];
    private static readonly string[] SmmuV2Keys = ["smrs", "contexts", "sid-bits", "ias", "tlb-sets", "tlb-ways", "indexing", "bypass"];
    private static readonly string[] SmmuV2Flags = ["indexing", "bypass"];
    private static readonly string[] SmmuV3Keys = ["sid-bits", "ias", "ste-cache", "tlb-sets", "tlb-ways"];
    private static readonly string[] SingleKeys = ["aperture", "page-sizes", "tlb", "gart"];
    private static readonly string[] SingleFlags = ["gart"];
    private static readonly string[] WindowKeys = ["liobn", "base", "size", "page-shift", "ddw-windows", "ddw-pages", "ddw-block", "ddw-base", "vio", "ddw", "reset"];
    private static readonly string[] WindowFlags = ["vio", "ddw", "reset"];
    private static readonly string[] PciKeys = ["bus", "subordinate", "acs", "mf"];
    private static readonly string[] PciFlags = ["acs", "mf"];
    private static readonly string[] MasterKeys = ["sid", "mask", "pci", "kind", "pe", "acs", "mf"];
    private static readonly string[] MasterFlags = ["acs", "mf"];
    private static readonly string[] NoNames = [];

    /// <summary>Kinds accepted by <c>iommu NAME KIND</c>.</summary>
    public static readonly IReadOnlyList<string> IommuKinds = ["vtd", "smmu-v2", "smmu-v3", "single-master", "tce"];

    private static readonly Dictionary<string, PciDeviceKind> PciKinds = new()
    {
        ["endpoint"] = PciDeviceKind.Endpoint,
        ["rc-endpoint"] = PciDeviceKind.RootComplexEndpoint,
        ["root-port"] = PciDeviceKind.RootPort,
        ["upstream-port"] = PciDeviceKind.UpstreamPort,
        ["downstream-port"] = PciDeviceKind.DownstreamPort,
        ["pcie-to-pci"] = PciDeviceKind.PcieToPciBridge,
        ["pci-to-pcie"] = PciDeviceKind.PciToPcieBridge,
        ["conventional"] = PciDeviceKind.ConventionalDevice,
        ["pci-bridge"] = PciDeviceKind.ConventionalBridge,
    };

    /// <summary>Parses <paramref name="text"/>; problems go to <paramref name="diagnostics"/>.</summary>
    public static TraceScript Parse(string text, string fileName, DiagnosticBag diagnostics)
    {
        var steps = new List<TraceStep>();
        var names = new Dictionary<string, SourceSpan>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var tokens = TraceLexer.Tokenize(lines[i]);
            if (tokens == null)
            {
                diagnostics.Report(TraceDiagnostics.Syntax, "malformed line", SourceSpan.At(fileName, i + 1, 1));
                continue;
            }
            if (tokens.Count == 0) continue;
            var line = new TraceLine(fileName, i + 1, tokens, diagnostics);
            var step = ParseStatement(line);
            if (step == null || line.Failed) continue;
            if (DeclaredName(step) is TraceName n)
            {
                if (names.TryGetValue(n.Name, out var first))
                {
                    diagnostics.Report(TraceDiagnostics.DuplicateName, $"'{n.Name}' is already declared at {first.File}:{first.Line}:{first.Column}", n.Span, [first]);
                    continue;
                }
                names[n.Name] = n.Span;
            }
            steps.Add(step);
        }
        return new TraceScript(fileName, steps);
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
            case "iommu": return ParseIommu(line);
            case "window": return ParseWindow(line);
            case "pci": return ParsePci(line);
            case "master": return ParseMaster(line);
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
            case "ddw": return ParseDdw(line);
            case "free":
            {
                var phys = line.Num(line.Arg(1, "a physical address"), "physical address");
                var size = line.Num(line.Arg(2, "a size"), "size");
                line.NoMoreArgs(3);
                return phys is ulong p && size is ulong s ? new FreeStep(line.Span, line.Text, p, s) : null;
            }
            default:
                line.Report(TraceDiagnostics.UnknownStatement, keyword.Span(line.File, line.Number),
                    $"unknown statement '{keyword.Text}'; expected iommu, window, pci, master, attach, detach, map, unmap, access, invalidate, ddw or free");
                return null;
        }
    }

    private static TraceStep? ParseIommu(TraceLine line)
    {
        var name = line.Name(1, "a name");
        var kindToken = line.Arg(2, "a kind (" + string.Join(", ", IommuKinds) + ")");
        if (name is not TraceName n || kindToken == null) return null;
        IommuConfig? config;
        string what = $"{kindToken.Text} IOMMU";
        switch (kindToken.Text)
        {
            case "vtd":
            {
                var o = TraceOptions.Read(line, 3, what, VtdKeys, VtdFlags);
                bool cm = o.Bool("cm", false);
                bool strict = o.Has("deferred") ? !o.Bool("deferred", false) : o.Bool("strict", true);
                config = new VtdConfig(cm, strict, o.Int("domains", 256), o.Int("aw", 48), o.Int("mgaw", o.Int("aw", 48)), o.Bool("psi", true),
                    o.Int("max-amask", 9), o.Int("flush-queue", 256), o.Int("iotlb-sets", 1024), o.Int("iotlb-ways", 4), o.Int("context-cache", 256));
                break;
            }
            case "smmu-v2":
            {
                var o = TraceOptions.Read(line, 3, what, SmmuV2Keys, SmmuV2Flags);
                config = new SmmuV2Config(o.Int("smrs", 16), o.Int("contexts", 8), o.Int("sid-bits", 15), o.Bool("indexing", false), o.Bool("bypass", false),
                    o.Int("ias", 48), o.Int("tlb-sets", 256), o.Int("tlb-ways", 4));
                break;
            }
            case "smmu-v3":
            {
                var o = TraceOptions.Read(line, 3, what, SmmuV3Keys, NoNames);
                config = new SmmuV3Config(o.Int("sid-bits", 16), o.Int("ias", 48), o.Int("ste-cache", 256), o.Int("tlb-sets", 1024), o.Int("tlb-ways", 4));
                break;
            }
            case "single-master":
            {
                var o = TraceOptions.Read(line, 3, what, SingleKeys, SingleFlags);
                ulong start = 0, end = 0xFFFF_FFFF;
                if (o.Token("aperture") is TraceToken ap)
                {
                    var parts = ap.Value!.Split('-');
                    ulong? s = parts.Length == 2 ? TraceLexer.ParseNumber(parts[0]) : null, e = parts.Length == 2 ? TraceLexer.ParseNumber(parts[1]) : null;
                    if (s == null || e == null) line.Report(TraceDiagnostics.BadValue, ap.ValueSpan(line.File, line.Number), $"aperture={ap.Value}: expected START-END, e.g. 0x0-0xffffffff");
                    else { start = s.Value; end = e.Value; }
                }
                List<ulong>? pages = null;
                if (o.Token("page-sizes") is TraceToken ps)
                {
                    pages = [];
                    foreach (var p in TraceLexer.SplitList(ps.Value!))
                    {
                        if (TraceLexer.ParseNumber(p) is ulong v) pages.Add(v);
                        else line.Report(TraceDiagnostics.BadNumber, ps.ValueSpan(line.File, line.Number), $"invalid page size '{p}' in page-sizes");
                    }
                }
                config = new SingleMasterConfig(start, end, pages, o.Bool("gart", false), o.Int("tlb", 64));
                break;
            }
            case "tce":
                TraceOptions.Read(line, 3, what, NoNames, NoNames);
                config = new TceConfig();
                break;
            default:
                line.Report(TraceDiagnostics.BadValue, kindToken.Span(line.File, line.Number), $"unknown IOMMU kind '{kindToken.Text}'; expected {string.Join(", ", IommuKinds)}");
                return null;
        }
        if (line.Failed) return null;
        if (config.Validate() is string error)
        {
            line.Report(TraceDiagnostics.InvalidConfiguration, line.Span, $"{kindToken.Text} '{n.Name}': {error}");
            return null;
        }
        return new IommuStep(line.Span, line.Text, n, config);
    }

    private static TraceStep? ParseWindow(TraceLine line)
    {
        var iommu = line.Name(1, "a tce IOMMU");
        if (iommu is not TraceName n) return null;
        var o = TraceOptions.Read(line, 2, "window", WindowKeys, WindowFlags);
        foreach (var required in new[] { "liobn", "size" })
            if (o.Token(required) == null) line.Report(TraceDiagnostics.MissingArgument, line.EndSpan(), $"'window' needs {required}=");
        ulong liobn = o.U64("liobn", 0);
        if (liobn > uint.MaxValue) line.Report(TraceDiagnostics.BadValue, o.Token("liobn")!.ValueSpan(line.File, line.Number), "a LIOBN has 32 bits");
        TceDdwConfig? ddw = null;
        if (o.Bool("ddw", false) || o.Has("ddw-windows") || o.Has("ddw-pages") || o.Has("ddw-block") || o.Has("ddw-base"))
        {
            List<int>? shifts = null;
            if (o.Token("ddw-pages") is TraceToken pt)
            {
                shifts = [];
                foreach (var p in TraceLexer.SplitList(pt.Value!))
                {
                    if (TraceLexer.ParseNumber(p) is ulong v && v <= 63) shifts.Add((int)v);
                    else line.Report(TraceDiagnostics.BadNumber, pt.ValueSpan(line.File, line.Number), $"invalid page shift '{p}' in ddw-pages");
                }
            }
            ddw = new TceDdwConfig(o.Int("ddw-windows", 2), shifts, o.U64("ddw-block", 1UL << 31), o.U64("ddw-base", 1UL << 59), o.Bool("reset", true));
        }
        var window = new TceWindowConfig((uint)liobn, o.U64("base", 0), o.U64("size", 0), o.Int("page-shift", 12), o.Bool("vio", false), ddw);
        if (line.Failed) return null;
        if (window.Validate() is string error)
        {
            line.Report(TraceDiagnostics.InvalidConfiguration, line.Span, $"window 0x{window.Liobn:x}: {error}");
            return null;
        }
        return new WindowStep(line.Span, line.Text, n, window);
    }

    private static PciDeviceKind? PciKind(TraceLine line, TraceToken token, int column)
    {
        if (PciKinds.TryGetValue(token.Text.Substring(column - token.Column), out var k)) return k;
        line.Report(TraceDiagnostics.BadValue, new SourceSpan(line.File, line.Number, column, line.Number, token.Column + token.Length),
            $"unknown PCI function kind '{token.Text.Substring(column - token.Column)}'; expected {string.Join(", ", PciKinds.Keys)}");
        return null;
    }

    private static PciAddress? Bdf(TraceLine line, string text, SourceSpan span)
    {
        if (PciAddress.TryParse(text, out var a)) return a;
        line.Report(TraceDiagnostics.BadValue, span, $"invalid PCI address '{text}'; expected BB:DD.F, e.g. 02:00.0");
        return null;
    }

    private static TraceStep? ParsePci(TraceLine line)
    {
        var name = line.Name(1, "a name");
        var kindToken = line.Arg(2, "a kind");
        var bdfToken = line.Arg(3, "a bus:device.function");
        if (name is not TraceName n || kindToken == null || bdfToken == null) return null;
        var kind = PciKind(line, kindToken, kindToken.Column);
        var bdf = Bdf(line, bdfToken.Text, bdfToken.Span(line.File, line.Number));
        var o = TraceOptions.Read(line, 4, "pci", PciKeys, PciFlags);
        ulong? bus = o.Token("bus") != null ? o.U64("bus", 0) : null;
        ulong? sub = o.Token("subordinate") != null ? o.U64("subordinate", 0) : null;
        if (bus > 255 || sub > 255) line.Report(TraceDiagnostics.BadValue, line.Span, "bus numbers are 0..255");
        if (line.Failed || kind == null || bdf == null) return null;
        return new PciStep(line.Span, line.Text, new PciFunction(n.Name, bdf.Value, kind.Value, o.Bool("acs", false), o.Bool("mf", false), (byte?)bus, (byte?)sub));
    }

    private static TraceStep? ParseMaster(TraceLine line)
    {
        var name = line.Name(1, "a name");
        var on = line.Arg(2, "'on'");
        if (on != null && on.Text != "on") line.Report(TraceDiagnostics.BadValue, on.Span(line.File, line.Number), $"expected 'on', found '{on.Text}'");
        var iommu = line.Name(3, "an IOMMU name");
        if (name is not TraceName n || iommu is not TraceName i) return null;
        var o = TraceOptions.Read(line, 4, "master", MasterKeys, MasterFlags);
        var ids = new List<uint>();
        if (o.Token("sid") is TraceToken sid)
        {
            foreach (var part in TraceLexer.SplitList(sid.Value!))
            {
                var v = TraceLexer.ParseNumber(part);
                if (v is ulong x && x <= uint.MaxValue) ids.Add((uint)x);
                else line.Report(TraceDiagnostics.BadNumber, sid.ValueSpan(line.File, line.Number), $"invalid stream ID '{part}'");
            }
        }
        ulong mask = o.U64("mask", 0), pe = o.U64("pe", 0);
        if (mask > uint.MaxValue || pe > uint.MaxValue) line.Report(TraceDiagnostics.BadValue, line.Span, "mask and pe have 32 bits");
        PciFunction? pci = null;
        if (o.Token("pci") is TraceToken pt)
        {
            var bdf = Bdf(line, pt.Value!, pt.ValueSpan(line.File, line.Number));
            PciDeviceKind kind = PciDeviceKind.Endpoint;
            if (o.Token("kind") is TraceToken kt) kind = PciKind(line, kt, kt.ValueColumn) ?? kind;
            if (bdf != null) pci = new PciFunction(n.Name, bdf.Value, kind, o.Bool("acs", false), o.Bool("mf", false));
            if (ids.Count > 0) line.Report(TraceDiagnostics.UnexpectedArgument, o.Token("sid")!.Span(line.File, line.Number), "a PCI master's IDs come from its requester ID; drop sid=");
        }
        else if (o.Has("kind") || o.Has("acs") || o.Has("mf"))
            line.Report(TraceDiagnostics.UnexpectedArgument, line.Span, "kind, acs and mf apply to PCI masters (pci=BB:DD.F)");
        if (line.Failed) return null;
        return new MasterStep(line.Span, line.Text, n, i, ids, (uint)mask, pci, (uint)pe);
    }

    private static TraceStep? ParseAttach(TraceLine line)
    {
        var m = line.Name(1, "a master");
        if (m is not TraceName n) return null;
        if (line.Tokens.Count < 3)
        {
            line.Report(TraceDiagnostics.MissingArgument, line.EndSpan(), "'attach' needs domain=N or 'default'");
            return null;
        }
        var t = line.Tokens[2];
        uint? domain = null;
        if (t.Text == "default") { }
        else
        {
            var v = t.Key == "domain" ? line.NumberValue(t, "domain") : t.Key == null ? line.Num(t, "domain") : null;
            if (t.Key != null && t.Key != "domain") line.Report(TraceDiagnostics.UnknownOption, t.Span(line.File, line.Number), $"unknown option '{t.Text}' for attach; expected domain=N or 'default'");
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
