using DtIommu.Simulation;
using DtIommu.Simulation.SingleMaster;

namespace DtIommu.Tests.Simulation;

public class SingleMasterSimulatorTests
{
    private static readonly SimMaster Vop = new("vop", [], 0x10000);
    private static readonly SimMaster Isp = new("isp", [], 0x10001);

    [Fact]
    public void EveryMasterJoinsTheInstancesOneGroupAndSharesItsDomain()
    {
        var sim = new SingleMasterSimulator("mmu", new SingleMasterConfig());
        sim.AddMaster(Vop, out var peer).ShouldBe(SimStatus.Ok);
        peer.ShouldBeNull();
        sim.AddMaster(Isp, out peer).ShouldBe(SimStatus.Ok);
        peer.ShouldBe("vop");
        sim.Attach(Vop, 0).ShouldBe(SimStatus.Ok);
        sim.Map(0, 0x1000, 0x8000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
        // No source ID reaches the IOMMU: the second master's transaction goes through the same directory.
        sim.Access(Isp.WireSourceId, 0x1000, DmaDirection.Read).PhysicalAddress.ShouldBe(0x8000_0000UL);
        sim.Attach(new SimMaster("dsp", [], 0x10002), 0).ShouldBe(SimStatus.UnknownMaster);
    }

    [Fact]
    public void MapOverAValidEntryIsAddressInUseAndLeavesTheTable()
    {
        var sim = new SingleMasterSimulator("mmu", new SingleMasterConfig());
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0);
        sim.Map(0, 0x2000, 0x8000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
        sim.Map(0, 0x1000, 0x9000_0000, 0x2000, DmaPermission.ReadWrite).ShouldBe(SimStatus.AddressInUse);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Read).Allowed.ShouldBeFalse();
        sim.Access(Vop.WireSourceId, 0x2000, DmaDirection.Read).PhysicalAddress.ShouldBe(0x8000_0000UL);
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
    public void UnmapZapsTheLinesItCleared()
    {
        var sim = new SingleMasterSimulator("rk", new SingleMasterConfig());
        sim.AddMaster(Vop, out _);
        sim.Attach(Vop, 0);
        sim.Map(0, 0x1000, 0xa000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Write);
        sim.Unmap(0, 0x1000, 0x1000);
        sim.InvalidationCount.ShouldBe(1);
        sim.IsInvalidationPending(0, 0x1000, 0x1000).ShouldBeFalse();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 0, 0, 0x1000, 0x1000)).Redundant.ShouldBeTrue();
        sim.Access(Vop.WireSourceId, 0x1000, DmaDirection.Write).Fault.ShouldBe(SingleMasterFaultText.Code(SingleMasterFaultKind.PageNotPresent));
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, 0)).Status.ShouldBe(SimStatus.InvalidationNotSupported);
    }
}
