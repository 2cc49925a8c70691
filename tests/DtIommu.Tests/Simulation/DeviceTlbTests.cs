using DtIommu.Simulation;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class DeviceTlbTests
{
    private const uint Rid = 0x0018;
    private static readonly SimMaster Hba = new("hba", [Rid], Rid, Ats: true);

    private static VtdSimulator Vtd(bool strict)
    {
        var sim = new VtdSimulator("dmar0", new VtdConfig(StrictUnmap: strict));
        sim.AddMaster(Hba, out _).ShouldBe(SimStatus.Ok);
        sim.Attach(Hba, 7);
        sim.Map(7, 0x20000, 0x9000_0000, 0x2000, DmaPermission.ReadWrite);
        sim.Access(Rid, 0x20000, DmaDirection.Write).Via.ShouldBe(AccessVia.Iommu);
        sim.Access(Rid, 0x21000, DmaDirection.Write);
        return sim;
    }

    [Fact]
    public void AnIotlbFlushDoesNotReachTheDeviceTlb()
    {
        var sim = Vtd(strict: false);
        sim.DeviceTlbEntries(Rid).ShouldBe(2);
        sim.Unmap(7, 0x20000, 0x1000);
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 7, 0, 0x20000, 0x1000)).Status.ShouldBe(SimStatus.Ok);
        var r = sim.Access(Rid, 0x20000, DmaDirection.Write);
        r.Via.ShouldBe(AccessVia.DeviceTlb);
        r.Allowed.ShouldBeTrue();
        r.Stale.ShouldBeTrue();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.DeviceTlb, 7, Rid, 0x20000, 0x1000)).EntriesDropped.ShouldBe(1);
        sim.Access(Rid, 0x20000, DmaDirection.Write).Allowed.ShouldBeFalse();
        sim.DeviceTlbEntries(Rid).ShouldBe(1);
    }

    [Fact]
    public void StrictUnmapFlushesTheDeviceTlbToo()
    {
        var sim = Vtd(strict: true);
        long before = sim.InvalidationCount;
        sim.Unmap(7, 0x20000, 0x1000);
        sim.InvalidationCount.ShouldBe(before + 2);
        sim.DeviceTlbEntries(Rid).ShouldBe(1);
        sim.Access(Rid, 0x20000, DmaDirection.Write).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void FlrEmptiesTheDeviceTlbAndLeavesTheIommuAlone()
    {
        var sim = Vtd(strict: true);
        int iotlb = sim.Tlb.Count;
        sim.ResetDevice(Rid).ShouldBe(2);
        sim.DeviceTlbEntries(Rid).ShouldBe(0);
        sim.Tlb.Count.ShouldBe(iotlb);
        sim.FindDomain(7)!.Table.PresentCount.ShouldBe(2);
        var r = sim.Access(Rid, 0x21000, DmaDirection.Write);
        r.Via.ShouldBe(AccessVia.Iommu);
        r.CacheHit.ShouldBeTrue();
        sim.ResetDevice(0x0010).ShouldBe(-1);
    }

    [Fact]
    public void AtsNeedsAUnitThatCanInvalidateDeviceTlbs()
    {
        new VtdSimulator("d", new VtdConfig(DeviceTlb: false)).AddMaster(Hba, out _).ShouldBe(SimStatus.NoAts);
        new SmmuV2Simulator("s", new SmmuV2Config()).AddMaster(Hba, out _).ShouldBe(SimStatus.NoAts);
        var v3 = new SmmuV3Simulator("s3", new SmmuV3Config());
        v3.AddMaster(Hba, out _).ShouldBe(SimStatus.Ok);
        v3.Invalidations.ShouldContain(k => k.Name == "atc-inv" && k.Scope == InvalidationScope.DeviceTlb);
    }
}
