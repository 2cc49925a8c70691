using DtIommu.Compilation;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Simulation.Probe;
using DtIommu.Sources;
using DtIommu.Tests.Compiler;
using DtIommu.Tests.Iommu;

namespace DtIommu.Tests.Simulation.Probe;

public class BootProbeTests
{
    private static IommuModel Fixture()
    {
        var path = Path.Combine(DifferentialTests.RepoRoot(), "examples", "traces", "probe", "mixed-board.dts");
        var r = DtcCompiler.Compile(new DtcOptions { Input = path, InputFormat = "dts", OutputFormat = "dtb", Force = true, Quiet = 3 }, new DiskFileSource());
        return IommuModelBuilder.Build(r.Tree!, IommuTestSupport.Shipped);
    }

    private static ProbeCell Cell(BootProbeResult r, string master, ProbeRegionKind kind, ulong address) =>
        r.Cells.Single(c => c.Master == master && c.Region.Kind == kind && c.Address == address);

    [Fact]
    public void GroupsAreFormedPerStreamIdWithDmaDefaultDomains()
    {
        var r = BootProbe.Run(Fixture());
        r.Groups.Select(g => (g.Iommu, string.Join(",", g.Members), g.DomainType)).ShouldBe([
            ("/iommu@1000000", "/gpu@2000000", "dma"), ("/iommu@1000000", "/vpu@2100000", "dma")]);
        r.GroupOf("/bus@3000000/dma@3000000").ShouldBeNull();
    }

    [Fact]
    public void TranslatedMastersReachAllRamThroughTheIommuButNotEachOther()
    {
        var r = BootProbe.Run(Fixture());
        Cell(r, "/gpu@2000000", ProbeRegionKind.Ram, 0xfffff000).Reach.ShouldBe(ReachKind.ThroughIommu);
        var other = Cell(r, "/gpu@2000000", ProbeRegionKind.Buffer, 0x80101000);
        other.Reach.ShouldBe(ReachKind.Faults);
        // Each domain's allocator hands out the same top IOVA: in the gpu's domain it is the gpu's own buffer.
        other.Detail.ShouldBe("IOVA 0xfffff000 reaches 0x80100000 instead");
        Cell(r, "/gpu@2000000", ProbeRegionKind.Reserved, 0xfe000000).Reach.ShouldBe(ReachKind.Faults);
    }

    [Fact]
    public void UntranslatedMasterReachesItsDmaRangesAndBouncesTheRest()
    {
        var r = BootProbe.Run(Fixture());
        const string dma = "/bus@3000000/dma@3000000";
        Cell(r, dma, ProbeRegionKind.Ram, 0xbffff000).Reach.ShouldBe(ReachKind.Direct);
        var high = Cell(r, dma, ProbeRegionKind.Ram, 0xc0000000);
        high.Reach.ShouldBe(ReachKind.Bounced);
        high.Detail.ShouldBe("not addressable; bounced through swiotlb at 0x80000000");
        // Without an IOMMU nothing isolates it: it reaches the translated masters' buffers directly.
        Cell(r, dma, ProbeRegionKind.Buffer, 0x80100000).Reach.ShouldBe(ReachKind.Direct);
        Cell(r, dma, ProbeRegionKind.Reserved, 0xfe000000).Reach.ShouldBe(ReachKind.Unreachable);
    }

    [Fact]
    public void IdentityDefaultDomainsReachEverythingDirectlyThroughTheIommu()
    {
        var r = BootProbe.Run(Fixture(), new ProbeOptions(IdentityDefaultDomains: true));
        r.Groups.ShouldAllBe(g => g.DomainType == "identity");
        Cell(r, "/gpu@2000000", ProbeRegionKind.Buffer, 0x80101000).Reach.ShouldBe(ReachKind.ThroughIommu);
        Cell(r, "/gpu@2000000", ProbeRegionKind.Reserved, 0xfe000000).Reach.ShouldBe(ReachKind.ThroughIommu);
    }
}
