using DtIommu.Simulation;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class SuperpageTests
{
    private const uint Rid = 0x0010;

    private static VtdSimulator Vtd(int sllps = 2)
    {
        var sim = new VtdSimulator("dmar0", new VtdConfig(SuperpageLevels: sllps));
        sim.AddMaster(SimMaster.Single("nic", Rid), out _);
        sim.Attach(SimMaster.Single("nic", Rid), 5).ShouldBe(SimStatus.Ok);
        return sim;
    }

    private static SmmuV3Simulator Smmu()
    {
        var sim = new SmmuV3Simulator("smmu0", new SmmuV3Config());
        sim.AddMaster(SimMaster.Single("gpu", 0x10), out _);
        sim.Attach(SimMaster.Single("gpu", 0x10), 7).ShouldBe(SimStatus.Ok);
        return sim;
    }

    [Fact]
    public void AlignedRangesGetBlockLeaves()
    {
        var sim = Vtd();
        sim.Map(5, 0x4000_0000, 0x8000_0000, 0x4020_1000, DmaPermission.ReadWrite).ShouldBe(SimStatus.Ok);
        var table = sim.FindDomain(5)!.Table;
        table.LeafLevel(0x4000_0000 >> 12).ShouldBe(2);
        table.LeafLevel(0x8000_0000 >> 12).ShouldBe(1);
        table.LeafLevel(0x8020_0000 >> 12).ShouldBe(0);
        table.PresentCount.ShouldBe(262144L + 512 + 1);
        sim.LastNote.ShouldBe("leaves: 1 x 1 GiB + 1 x 2 MiB + 1 x 4 KiB");
        sim.Access(Rid, 0x7fff_f123, DmaDirection.Write).PhysicalAddress.ShouldBe(0xbfff_f123UL);
    }

    [Fact]
    public void WithoutSllpsOnlySmallLeavesAreUsed()
    {
        var sim = Vtd(sllps: 0);
        sim.Map(5, 0x20_0000, 0x20_0000, 0x20_0000, DmaPermission.Read);
        sim.FindDomain(5)!.Table.LeafLevel(0x200).ShouldBe(0);
        sim.LastNote.ShouldBeNull();
    }

    [Fact]
    public void VtdUnmapOfPartOfASuperpageUnmapsAllOfIt()
    {
        var sim = Vtd();
        sim.Map(5, 0x20_0000, 0x4000_0000, 0x20_0000, DmaPermission.Read);
        sim.Unmap(5, 0x20_0000, 0x1000).ShouldBe(SimStatus.Ok);
        sim.LastUnmappedBytes.ShouldBe(0x20_0000UL);
        sim.FindDomain(5)!.Table.PresentCount.ShouldBe(0);
        sim.InvalidationCount.ShouldBeGreaterThan(0);
        sim.IsInvalidationPending(5, 0x20_0000, 0x20_0000).ShouldBeFalse();
    }

    [Fact]
    public void VtdRefusesAnUnmapStartingInsideASuperpage()
    {
        var sim = Vtd();
        sim.Map(5, 0x20_0000, 0x4000_0000, 0x20_0000, DmaPermission.Read);
        sim.Unmap(5, 0x20_1000, 0x1000).ShouldBe(SimStatus.PartialSuperpage);
        sim.FindDomain(5)!.Table.PresentCount.ShouldBe(512);
    }

    [Fact]
    public void ArmSplitsTheBlockAndUnmapsOnlyTheRange()
    {
        var sim = Smmu();
        sim.Map(7, 0x20_0000, 0x4020_0000, 0x20_0000, DmaPermission.ReadWrite);
        sim.Unmap(7, 0x20_1000, 0x1000).ShouldBe(SimStatus.Ok);
        var table = sim.FindDomain(7)!.Table;
        table.LeafLevel(0x201).ShouldBe(0);
        table.PresentCount.ShouldBe(511);
        table.Get(0x202).ShouldBe(Pte.Make(0x4020_2000, DmaPermission.ReadWrite));
        sim.LastUnmappedBytes.ShouldBe(0x1000UL);
        sim.IsInvalidationPending(7, 0x20_1000, 0x1000).ShouldBeTrue();
        sim.IsInvalidationPending(7, 0x20_2000, 0x1000).ShouldBeFalse();
    }

    [Fact]
    public void ABlockOverATableOfLiveLeavesDropsThemAndFlushes()
    {
        var sim = Smmu();
        sim.Map(7, 0x40_0000, 0x4040_0000, 0x1000, DmaPermission.Read);
        sim.Access(0x10, 0x40_0000, DmaDirection.Read);
        long before = sim.InvalidationCount;
        sim.Map(7, 0x40_0000, 0x5000_0000, 0x20_0000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
        sim.InvalidationCount.ShouldBe(before + 1);
        var r = sim.Access(0x10, 0x40_0000, DmaDirection.Read);
        r.PhysicalAddress.ShouldBe(0x5000_0000UL);
        r.Stale.ShouldBeFalse();
        sim.Map(7, 0x40_2000, 0x9000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.AlreadyMapped);
    }

    [Fact]
    public void PageTableSplitKeepsEveryTranslation()
    {
        var t = new PageTable(36);
        t.SetBlock(0, 2, Pte.Make(0x4000_0000, DmaPermission.Read)).ShouldBe(0UL);
        t.Split(0x12345, 2);
        t.LeafLevel(0x12345).ShouldBe(1);
        t.Get(0x12345).ShouldBe(Pte.Make(0x4000_0000 + (0x12345UL << 12), DmaPermission.Read));
        t.Set(0x12345, 0);
        t.LeafLevel(0x12346).ShouldBe(0);
        t.PresentCount.ShouldBe(262143);
        t.ClearBlock(0x40000, 1).ShouldBe(0UL);
    }
}
