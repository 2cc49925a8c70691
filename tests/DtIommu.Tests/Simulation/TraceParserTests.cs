using DtIommu.Diagnostics;
using DtIommu.Simulation;
using DtIommu.Simulation.Trace;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class TraceParserTests
{
    private static (TraceScript Script, string[] Errors) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var script = TraceParser.Parse(text, "t.trace", bag);
        return (script, bag.Items.Select(TraceDiagnosticFormatter.Format).ToArray());
    }

    [Fact]
    public void ParsesEveryStatementKind()
    {
        var (script, errors) = Parse("""
            iommu d vtd cm strict=0 domains=64 aw=39   # comment
            iommu t tce
            window t liobn=0x80000000 base=0 size=1G ddw ddw-pages=12,16
            pci br pcie-to-pci 00:1e.0 bus=3
            master m on d pci=03:00.0 kind=conventional
            attach m domain=0x10
            attach m default
            detach m
            map m 0x1000 0x80000000 4K rw
            unmap m 0x1000 4096
            access m write 0x1fff
            invalidate m iotlb-page 0x1000 0x1000
            ddw m window-shift=40 max-page-shift=16
            free 0x80000000 2M
            """);
        errors.ShouldBeEmpty();
        script.Steps.Count.ShouldBe(14);
        var vtd = script.Steps[0].ShouldBeOfType<IommuStep>().Config.ShouldBeOfType<VtdConfig>();
        vtd.ShouldBe(new VtdConfig(CachingMode: true, StrictUnmap: false, NumDomains: 64, AddressWidth: 39, Mgaw: 39));
        script.Steps[0].Text.ShouldBe("iommu d vtd cm strict=0 domains=64 aw=39");
        script.Steps[5].ShouldBeOfType<AttachStep>().Domain.ShouldBe(0x10u);
        script.Steps[6].ShouldBeOfType<AttachStep>().Domain.ShouldBeNull();
        script.Steps[8].ShouldBe(new MapStep(script.Steps[8].Span, "map m 0x1000 0x80000000 4K rw", new TraceName("m", script.Steps[8].ShouldBeOfType<MapStep>().Master.Span), 0x1000, 0x8000_0000, 0x1000, DmaPermission.ReadWrite));
        script.Steps[10].ShouldBeOfType<AccessStep>().Direction.ShouldBe(DmaDirection.Write);
        script.Steps[13].ShouldBeOfType<FreeStep>().Size.ShouldBe(0x20_0000UL);
        var master = script.Steps[4].ShouldBeOfType<MasterStep>();
        master.Pci!.Address.RequesterId.ShouldBe((ushort)0x0300);
        master.Name.Span.Column.ShouldBe(8);
    }

    [Theory]
    [InlineData("mapp m 0 0 4K r", "t.trace:1:1: error: unknown statement 'mapp'; expected iommu, window, pci, master, attach, detach, map, unmap, access, invalidate, queue, sync, reset, ddw, timer or free")]
    [InlineData("map m 0x1000 0xzz 4K r", "t.trace:1:14: error: invalid number '0xzz' for physical address")]
    [InlineData("map m 0x1000 0x2000 4K", "t.trace:1:23: error: 'map' needs a permission (r, w, rw or none)")]
    [InlineData("map m 0x1000 0x2000 4K rx", "t.trace:1:24: error: invalid permission 'rx'; expected r, w, rw or none")]
    [InlineData("access m read 0x10 extra", "t.trace:1:20: error: unexpected argument 'extra' for 'access'")]
    [InlineData("access m sideways 0x10", "t.trace:1:10: error: invalid direction 'sideways'; expected read or write")]
    [InlineData("iommu s smmu-v2 smrs=4 colour=red", "t.trace:1:24: error: unknown option 'colour=red' for smmu-v2 IOMMU; expected one of: smrs=, contexts=, sid-bits=, ias=, tlb-sets=, tlb-ways=, indexing=, bypass=, passthrough=, indexing, bypass, passthrough")]
    [InlineData("master m on d sid=1 ats", "t.trace:1:21: error: ATS is a PCI capability: ats applies to PCI masters (pci=BB:DD.F)")]
    [InlineData("master m on d pci=00:01.0 emulated assigned", "t.trace:1:1: error: a master is either emulated or assigned, not both")]
    [InlineData("iommu v vtd sllps=3", "t.trace:1:1: error: vtd 'v': sllps=3: 0 (4 KiB only), 1 (2 MiB) or 2 (2 MiB and 1 GiB)")]
    [InlineData("attach m identity now", "t.trace:1:19: error: unexpected argument 'now' for 'attach'")]
    [InlineData("sync", "t.trace:1:5: error: 'sync' needs a master")]
    [InlineData("reset m hard", "t.trace:1:9: error: unexpected argument 'hard' for 'reset'")]
    [InlineData("iommu s smmu-v2 smrs=x4", "t.trace:1:22: error: invalid number 'x4' for smrs")]
    [InlineData("iommu v vtd domains=100", "t.trace:1:1: error: vtd 'v': domains=100 is not 2^(4+2*ND): use 16, 64, 256, 1024, 4096, 16384 or 65536")]
    [InlineData("iommu v vt-d", "t.trace:1:9: error: unknown IOMMU kind 'vt-d'; expected vtd, smmu-v2, smmu-v3, single-master, tce")]
    [InlineData("free 0x100000000000000000 1", "t.trace:1:6: error: invalid number '0x100000000000000000' for physical address")]
    [InlineData("free 0x1 20000000000T", "t.trace:1:10: error: invalid number '20000000000T' for size")]
    [InlineData("master m on d pci=2:0", "t.trace:1:19: error: invalid PCI address '2:0'; expected BB:DD.F, e.g. 02:00.0")]
    [InlineData("master m at d", "t.trace:1:10: error: expected 'on', found 'at'")]
    [InlineData("  window t base=0", "t.trace:1:18: error: 'window' needs liobn=")]
    public void ReportsLocatedErrors(string line, string expected)
    {
        var (script, errors) = Parse(line);
        errors.First().ShouldBe(expected);
        script.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void DuplicateDeclarationPointsAtTheFirst()
    {
        var (_, errors) = Parse("iommu a vtd\n\n  iommu a tce\n");
        errors.ShouldBe(["t.trace:3:9: error: 'a' is already declared at t.trace:1:7"]);
    }

    [Fact]
    public void BadLinesAreDroppedAndTheRestParses()
    {
        var (script, errors) = Parse("iommu a vtd\nbogus\nmaster m on a pci=00:01.0\n");
        errors.Length.ShouldBe(1);
        script.Steps.Select(s => s.Span.Line).ShouldBe([1, 3]);
    }

    [Fact]
    public void NeverThrowsOnGarbage()
    {
        var random = new Random(1234);
        const string alphabet = "abcmapunioryw =0x1fK#-,.:\t\r\n";
        for (int i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (int j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            var bag = new DiagnosticBag();
            Should.NotThrow(() => TraceRunner.Run(new string(chars), "fuzz.trace", bag, null));
        }
    }

    [Fact]
    public void DiagnosticCodesAreUniqueAndInTheTraceRange()
    {
        TraceDiagnostics.All.Select(d => d.Code).ShouldBeUnique();
        TraceDiagnostics.All.ShouldAllBe(d => string.CompareOrdinal(d.Code, "DT0300") >= 0 && string.CompareOrdinal(d.Code, "DT0399") <= 0);
    }

    [Fact]
    public void NumbersAcceptSuffixesAndUnderscores()
    {
        TraceLexer.ParseNumber("4K").ShouldBe(4096UL);
        TraceLexer.ParseNumber("0x1_0000").ShouldBe(0x10000UL);
        TraceLexer.ParseNumber("1G").ShouldBe(1UL << 30);
        TraceLexer.ParseNumber("0xffffffffffffffff").ShouldBe(ulong.MaxValue);
        TraceLexer.ParseNumber("16T").ShouldBe(16UL << 40);
        TraceLexer.ParseNumber("18446744073709551616").ShouldBeNull();
        TraceLexer.ParseNumber("").ShouldBeNull();
        TraceLexer.ParseNumber("0x").ShouldBeNull();
    }
}
