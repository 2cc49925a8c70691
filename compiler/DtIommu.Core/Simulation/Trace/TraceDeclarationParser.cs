using System.Linq;
using System.Collections.Generic;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>Parses the platform declarations of a trace: <c>iommu</c>, <c>window</c>, <c>pci</c> and <c>master</c>.</summary>
internal static class TraceDeclarationParser
{
    private static readonly string[] VtdKeys = ["cm", "strict", "domains", "aw", "mgaw", "psi", "max-amask", "flush-queue", "iotlb-sets", "iotlb-ways", "context-cache", "sllps", "pt", "dt", "passthrough"];
    private static readonly string[] VtdFlags = ["cm", "strict", "deferred", "psi", "pt", "dt", "passthrough"];
    private static readonly string[] SmmuV2Keys = ["smrs", "contexts", "sid-bits", "ias", "tlb-sets", "tlb-ways", "indexing", "bypass", "passthrough"];
    private static readonly string[] SmmuV2Flags = ["indexing", "bypass", "passthrough"];
    private static readonly string[] SmmuV3Keys = ["sid-bits", "ias", "ste-cache", "tlb-sets", "tlb-ways", "passthrough"];
    private static readonly string[] SmmuV3Flags = ["passthrough"];
    private static readonly string[] SingleKeys = ["aperture", "page-sizes", "tlb", "gart", "passthrough"];
    private static readonly string[] SingleFlags = ["gart", "passthrough"];
    private static readonly string[] TceKeys = ["passthrough"];
    private static readonly string[] WindowKeys = ["liobn", "base", "size", "page-shift", "ddw-windows", "ddw-pages", "ddw-block", "ddw-base", "vio", "ddw", "reset"];
    private static readonly string[] WindowFlags = ["vio", "ddw", "reset"];
    private static readonly string[] PciKeys = ["bus", "subordinate", "acs", "mf"];
    private static readonly string[] PciFlags = ["acs", "mf"];
    private static readonly string[] MasterKeys = ["sid", "mask", "pci", "kind", "pe", "acs", "mf", "ats", "emulated", "assigned"];
    private static readonly string[] MasterFlags = ["acs", "mf", "ats", "emulated", "assigned"];

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

    internal static TraceStep? ParseIommu(TraceLine line)
    {
        var name = line.Name(1, "a name");
        var kindToken = line.Arg(2, "a kind (" + string.Join(", ", IommuKinds) + ")");
        if (name is not TraceName n || kindToken == null) return null;
        IommuConfig? config;
        bool passthrough = false;
        string what = $"{kindToken.Text} IOMMU";
        switch (kindToken.Text)
        {
            case "vtd":
            {
                var o = TraceOptions.Read(line, 3, what, VtdKeys, VtdFlags);
                bool cm = o.Bool("cm", false);
                bool strict = o.Has("deferred") ? !o.Bool("deferred", false) : o.Bool("strict", true);
                config = new VtdConfig(cm, strict, o.Int("domains", 256), o.Int("aw", 48), o.Int("mgaw", o.Int("aw", 48)), o.Bool("psi", true),
                    o.Int("max-amask", 9), o.Int("flush-queue", 256), o.Int("iotlb-sets", 1024), o.Int("iotlb-ways", 4), o.Int("context-cache", 256),
                    o.Int("sllps", 2), o.Bool("pt", true), o.Bool("dt", true));
                passthrough = o.Bool("passthrough", false);
                break;
            }
            case "smmu-v2":
            {
                var o = TraceOptions.Read(line, 3, what, SmmuV2Keys, SmmuV2Flags);
                config = new SmmuV2Config(o.Int("smrs", 16), o.Int("contexts", 8), o.Int("sid-bits", 15), o.Bool("indexing", false), o.Bool("bypass", false),
                    o.Int("ias", 48), o.Int("tlb-sets", 256), o.Int("tlb-ways", 4));
                passthrough = o.Bool("passthrough", false);
                break;
            }
            case "smmu-v3":
            {
                var o = TraceOptions.Read(line, 3, what, SmmuV3Keys, SmmuV3Flags);
                config = new SmmuV3Config(o.Int("sid-bits", 16), o.Int("ias", 48), o.Int("ste-cache", 256), o.Int("tlb-sets", 1024), o.Int("tlb-ways", 4));
                passthrough = o.Bool("passthrough", false);
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
                passthrough = o.Bool("passthrough", false);
                break;
            }
            case "tce":
                passthrough = TraceOptions.Read(line, 3, what, TceKeys, TceKeys).Bool("passthrough", false);
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
        return new IommuStep(line.Span, line.Text, n, config, passthrough);
    }

    internal static TraceStep? ParseWindow(TraceLine line)
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

    internal static TraceStep? ParsePci(TraceLine line)
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

    internal static TraceStep? ParseMaster(TraceLine line)
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
        if (o.Bool("ats", false) && pci == null) line.Report(TraceDiagnostics.UnexpectedArgument, line.Tokens.First(t => t.Text == "ats" || t.Key == "ats").Span(line.File, line.Number), "ATS is a PCI capability: ats applies to PCI masters (pci=BB:DD.F)");
        bool emulated = o.Bool("emulated", false), assigned = o.Bool("assigned", false);
        if (emulated && assigned) line.Report(TraceDiagnostics.BadValue, line.Span, "a master is either emulated or assigned, not both");
        if (line.Failed) return null;
        return new MasterStep(line.Span, line.Text, n, i, ids, (uint)mask, pci, (uint)pe, o.Bool("ats", false),
            assigned ? VirtualDevice.Assigned : emulated ? VirtualDevice.Emulated : VirtualDevice.None);
    }
}
