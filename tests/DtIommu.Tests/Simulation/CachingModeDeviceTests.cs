using DtIommu.Simulation;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class CachingModeDeviceTests
{
    private static VtdSimulator Unit(SimMaster m, uint did)
    {
        var sim = new VtdSimulator("viommu", new VtdConfig(CachingMode: true, NumDomains: 16));
        sim.AddMaster(m, out _).ShouldBe(SimStatus.Ok);
        sim.Attach(m, did).ShouldBe(SimStatus.Ok);
        return sim;
    }

    [Fact]
    public void AnEmulatedDeviceFindsAnUnflushedMapping()
    {
        var m = new SimMaster("e1000", [0x10], 0x10, Virtual: VirtualDevice.Emulated);
        var sim = Unit(m, 3);
        sim.Access(0x10, 0x4000, DmaDirection.Read).Allowed.ShouldBeFalse();
        sim.Map(3, 0x4000, 0x9000_0000, 0x1000, DmaPermission.Read);
        var r = sim.Access(0x10, 0x4000, DmaDirection.Read);
        r.Allowed.ShouldBeTrue();
        r.Via.ShouldBe(AccessVia.EmulatedWalk);
        sim.IsInvalidationPending(3, 0x4000, 0x1000).ShouldBeTrue();
    }

    [Fact]
    public void APlainMasterMeetsTheCachedNotPresentEntry()
    {
        var m = SimMaster.Single("disk", 0x18);
        var sim = Unit(m, 3);
        sim.Access(0x18, 0x4000, DmaDirection.Read);
        sim.Map(3, 0x4000, 0x9000_0000, 0x1000, DmaPermission.Read);
        var r = sim.Access(0x18, 0x4000, DmaDirection.Read);
        r.Allowed.ShouldBeFalse();
        r.Stale.ShouldBeTrue();
    }

    [Fact]
    public void AnAssignedDeviceSeesOnlyWhatWasInvalidated()
    {
        var m = new SimMaster("vf", [0x18], 0x18, Virtual: VirtualDevice.Assigned);
        var sim = Unit(m, 4);
        sim.Map(4, 0x8000, 0xa000_0000, 0x2000, DmaPermission.ReadWrite);
        var domain = sim.FindDomain(4)!;
        domain.HostLag.ShouldBe(2);
        domain.HostEntry(8).ShouldBe(0UL);
        sim.Access(0x18, 0x8000, DmaDirection.Write).Via.ShouldBe(AccessVia.HostShadow);
        sim.Access(0x18, 0x8000, DmaDirection.Write).Allowed.ShouldBeFalse();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 4, 0, 0x8000, 0x1000));
        domain.HostLag.ShouldBe(1);
        sim.Access(0x18, 0x8000, DmaDirection.Write).PhysicalAddress.ShouldBe(0xa000_0000UL);
        sim.Access(0x18, 0x9000, DmaDirection.Write).Allowed.ShouldBeFalse();
        sim.Unmap(4, 0x8000, 0x1000);
        domain.HostEntry(8).ShouldBe(0UL);
        domain.HostLag.ShouldBe(1);
    }

    [Fact]
    public void AssignmentNeedsCachingMode()
    {
        var sim = new VtdSimulator("hw", new VtdConfig());
        sim.AddMaster(new SimMaster("vf", [0x20], 0x20, Virtual: VirtualDevice.Assigned), out _).ShouldBe(SimStatus.InvalidConfiguration);
    }
}
