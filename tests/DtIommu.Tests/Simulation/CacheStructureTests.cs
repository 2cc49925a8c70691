using DtIommu.Simulation;

namespace DtIommu.Tests.Simulation;

public class CacheStructureTests
{
    [Fact]
    public void PageTableSetGetAndPresentCount()
    {
        var t = new PageTable(36);
        t.Levels.ShouldBe(4);
        t.Get(0x12345).ShouldBe(0UL);
        t.Set(0x12345, Pte.Make(0xabc000, DmaPermission.Read)).ShouldBe(0UL);
        t.Get(0x12345).ShouldBe(0xabc001UL);
        t.PresentCount.ShouldBe(1);
        int tables = t.TableCount;
        t.Set(0x12346, Pte.Make(0xabd000, DmaPermission.ReadWrite));
        t.TableCount.ShouldBe(tables);
        t.Set(0x12345, 0).ShouldBe(0xabc001UL);
        t.PresentCount.ShouldBe(1);
        t.Set(0xF_0000_0000, 0).ShouldBe(0UL);
        t.TableCount.ShouldBe(tables);
        t.Covers(1UL << 36).ShouldBeFalse();
    }

    [Fact]
    public void IotlbEvictsWithinASetAndInvalidatesByScope()
    {
        var tlb = new Iotlb(sets: 1, ways: 2);
        tlb.Insert(1, 10, 0xa001);
        tlb.Insert(1, 11, 0xb001);
        tlb.Insert(2, 12, 0xc001);
        tlb.Count.ShouldBe(2);
        tlb.TryGet(1, 10, out _).ShouldBeFalse();
        tlb.TryGet(2, 12, out var e).ShouldBeTrue();
        e.ShouldBe(0xc001UL);
        tlb.InvalidateDomain(1).ShouldBe(1);
        tlb.InvalidatePages(2, 12, 1).ShouldBe(1);
        tlb.Count.ShouldBe(0);
    }

    [Fact]
    public void IotlbLargeRangeInvalidationScans()
    {
        var tlb = new Iotlb(sets: 64, ways: 4);
        for (ulong p = 0; p < 8; p++) tlb.Insert(3, p * 1000, p);
        tlb.Insert(3, 2_000_000, 1);
        tlb.Insert(4, 5, 1);
        tlb.Count.ShouldBe(10);
        tlb.InvalidatePages(3, 0, 1_000_000).ShouldBe(8);
        tlb.Count.ShouldBe(2);
        tlb.TryGet(3, 2_000_000, out _).ShouldBeTrue();
    }

    [Fact]
    public void ConfigCacheDropsByDomainSourceAndNotPresent()
    {
        var c = new ConfigCache(16);
        c.Insert(1, ConfigEntry.Translating(5));
        c.Insert(2, ConfigEntry.NotPresent);
        c.Insert(3, ConfigEntry.Translating(6));
        c.InvalidateDomain(5, includeNotPresent: false).ShouldBe(1);
        c.InvalidateDomain(0, includeNotPresent: true).ShouldBe(1);
        c.InvalidateSource(3).ShouldBe(1);
        c.Count.ShouldBe(0);
    }
}
