using DtIommu.Simulation;
using DtIommu.Simulation.SingleMaster;

namespace DtIommu.Tests.Simulation;

public class SingleMasterSimulatorTests
{
    private static readonly SimMaster Vop = new("vop", [], 0x10000);
    private static readonly SimMaster Isp = new("isp", [], 0x10001);

    [Fact]
    public void SecondMasterIsRefused()
    {
        var sim = new SingleMasterSimulator("mmu", new SingleMasterConfig());
        sim.AddMaster(Vop, out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(Isp, out _).ShouldBe(SimStatus.SecondMaster);
        sim.LastRefusalDetail.ShouldBe("mmu already serves vop; a single-master IOMMU cannot serve a second master");
        sim.Master.ShouldBe(Vop);
        sim.Attach(Isp, 1).ShouldBe(SimStatus.UnknownMaster);
    }

    [Fact]
    public void ApertureBoundsMappingsAndAccesses()
    {
        var sim = new SingleMasterSimulator("sprd", new SingleMasterConfig(0, 0x0FFF_FFFF));
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0);
        sim.Map(0, 0x0FFF_F000, 0x1000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
        sim.Map(0, 0x0FFF_F000, 0x1000, 0x2000, DmaPermission.Read).ShouldBe(SimStatus.OutsideAperture);
        sim.Access(Vop.WireSourceId, 0x1000_0000, DmaDirection.Read).Fault.ShouldBe(SingleMasterFaultText.Code(SingleMasterFaultKind.OutsideAperture));
        sim.Access(0x10005, 0x0FFF_F000, DmaDirection.Read).Fault.ShouldBe(SingleMasterFaultText.Code(SingleMasterFaultKind.ForeignMaster));
    }

    [Fact]
    public void MappingsMustBeAlignedToTheSmallestPageSize()
    {
        var sim = new SingleMasterSimulator("omap", new SingleMasterConfig(PageSizes: [0x10000, 0x100000]));
        sim.AddMaster(Vop, out _);
        sim.Map(0, 0x1000, 0x0, 0x10000, DmaPermission.Read).ShouldBe(SimStatus.Misaligned);
        sim.Map(0, 0x10000, 0x0, 0x10000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
    }

    [Fact]
    public void OneDomainPerInstanceAttachReplacesAndZaps()
    {
        var sim = new SingleMasterSimulator("rk", new SingleMasterConfig());
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0);
        sim.Map(0, 0x1000, 0xa000, 0x1000, DmaPermission.Read);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Read).PhysicalAddress.ShouldBe(0xa000UL);
        sim.Tlb.Count.ShouldBe(1);
        sim.Attach(Vop, 1).ShouldBe(SimStatus.Ok);
        sim.AttachedDomain.ShouldBe(1u);
        sim.Tlb.Count.ShouldBe(0);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Read).Fault.ShouldBe(SingleMasterFaultText.Code(SingleMasterFaultKind.PageNotPresent));
    }

    [Fact]
    public void GartRefusesASecondDomain()
    {
        var sim = new SingleMasterSimulator("gart", new SingleMasterConfig(0x5800_0000, 0x59FF_FFFF, SingleActiveDomain: true));
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0).ShouldBe(SimStatus.Ok);
        sim.Attach(Vop, 2).ShouldBe(SimStatus.DomainBusy);
        sim.AttachedDomain.ShouldBe(0u);
    }

    [Fact]
    public void UnmapWithoutZapIsStale()
    {
        var sim = new SingleMasterSimulator("rk", new SingleMasterConfig());
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0);
        sim.Map(0, 0x1000, 0xa000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Write);
        sim.Unmap(0, 0x1000, 0x1000);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Write).Stale.ShouldBeTrue();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 0, 0, 0x1000, 0x1000)).EntriesDropped.ShouldBe(1);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Write).Fault.ShouldBe(SingleMasterFaultText.Code(SingleMasterFaultKind.PageNotPresent));
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, 0)).Status.ShouldBe(SimStatus.InvalidationNotSupported);
    }
}
