using DtIommu.Simulation;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class PendingRangesTests
{
    private static (ulong, ulong)[] Ranges(PendingRanges p) =>
        Enumerable.Range(0, p.Count).Select(i => (p.First(i), p.Last(i))).OrderBy(r => r.Item1).ToArray();

    [Fact]
    public void AdjacentMarksMergeAndClearsSplit()
    {
        var p = new PendingRanges();
        p.Mark(10, 10);
        p.Mark(11, 11);
        p.Mark(20, 22);
        Ranges(p).ShouldBe([(10UL, 11UL), (20UL, 22UL)]);
        p.Mark(12, 19);
        Ranges(p).ShouldBe([(10UL, 22UL)]);
        p.Clear(15, 16);
        Ranges(p).ShouldBe([(10UL, 14UL), (17UL, 22UL)]);
        p.Overlaps(15, 16).ShouldBeFalse();
        p.Overlaps(14, 15).ShouldBeTrue();
        p.Pages.ShouldBe(11UL);
        p.Clear(0, 100);
        p.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void OverflowMergesClosestRangesWithoutLosingAny()
    {
        var p = new PendingRanges();
        for (ulong i = 0; i < 40; i++) p.Mark(i * 10, i * 10);
        p.Count.ShouldBeLessThanOrEqualTo(32);
        for (ulong i = 0; i < 40; i++) p.Overlaps(i * 10, i * 10).ShouldBeTrue();
    }

    [Fact]
    public void PageByPageInvalidationClearsWhatAWiderUnmapLeftPending()
    {
        var sim = new VtdSimulator("d", new VtdConfig(StrictUnmap: false));
        var m = DtIommu.Simulation.SimMaster.Single("m", 0x10);
        sim.AddMaster(m, out _);
        sim.Attach(m, 5);
        sim.Map(5, 0, 0x1000, 0x2000, DmaPermission.Read);
        sim.Unmap(5, 0, 0x2000);
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x0, 0x1000)).Redundant.ShouldBeFalse();
        sim.PendingInvalidations().ShouldBe(["d: domain 5: 1 page(s) changed and not invalidated: 0x1000-0x1fff"]);
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x1000, 0x1000)).Redundant.ShouldBeFalse();
        sim.PendingInvalidations().ShouldBeEmpty();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x1000, 0x1000)).Redundant.ShouldBeTrue();
    }
}
