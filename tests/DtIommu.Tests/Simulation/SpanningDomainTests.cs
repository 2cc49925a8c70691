using DtIommu.Simulation;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class SpanningDomainTests
{
    private static SimulatedPlatform TwoUnits(bool strict)
    {
        var p = new SimulatedPlatform();
        p.AddIommu("dmar0", new VtdConfig(StrictUnmap: strict));
        p.AddIommu("dmar1", new VtdConfig(StrictUnmap: strict));
        p.AddMaster(new MasterSpec("nic", "dmar0", Pci: new PciFunction("nic", new PciAddress(0, 2, 0), PciDeviceKind.Endpoint))).IsOk.ShouldBeTrue();
        p.AddMaster(new MasterSpec("gpu", "dmar1", Pci: new PciFunction("gpu", new PciAddress(0, 3, 0), PciDeviceKind.Endpoint))).IsOk.ShouldBeTrue();
        p.AttachNamed("nic", "shared").IsOk.ShouldBeTrue();
        p.AttachNamed("gpu", "shared").IsOk.ShouldBeTrue();
        return p;
    }

    [Fact]
    public void OnePageTableADidPerUnit()
    {
        var p = TwoUnits(strict: false);
        var d0 = ((VtdSimulator)p.FindIommu("dmar0")!).FindDomain(2)!;
        var d1 = ((VtdSimulator)p.FindIommu("dmar1")!).FindDomain(2)!;
        d0.Table.ShouldBeSameAs(d1.Table);
        d0.Peers.ShouldBe([d0, d1]);
        p.Map(p.FindMaster("nic")!, 0x1000, 0x8000_0000, 0x1000, DmaPermission.Read).IsOk.ShouldBeTrue();
        p.Access(p.FindMaster("gpu")!, DmaDirection.Read, 0x1000).PhysicalAddress.ShouldBe(0x8000_0000UL);
    }

    [Fact]
    public void AFlushOfOneUnitLeavesTheOtherStale()
    {
        var p = TwoUnits(strict: false);
        var nic = p.FindMaster("nic")!;
        var gpu = p.FindMaster("gpu")!;
        p.Map(nic, 0x1000, 0x8000_0000, 0x1000, DmaPermission.Read);
        p.Access(nic, DmaDirection.Read, 0x1000);
        p.Access(gpu, DmaDirection.Read, 0x1000);
        p.Unmap(gpu, 0x1000, 0x1000);
        nic.Iommu.IsInvalidationPending(2, 0x1000, 0x1000).ShouldBeTrue();
        gpu.Iommu.IsInvalidationPending(2, 0x1000, 0x1000).ShouldBeTrue();
        p.Invalidate(nic, nic.Iommu.Invalidations[1]);
        nic.Iommu.IsInvalidationPending(2, 0x1000, 0x1000).ShouldBeFalse();
        p.Access(nic, DmaDirection.Read, 0x1000).Allowed.ShouldBeFalse();
        var stale = p.Access(gpu, DmaDirection.Read, 0x1000);
        stale.Allowed.ShouldBeTrue();
        stale.Stale.ShouldBeTrue();
    }

    [Fact]
    public void StrictUnmapFlushesEveryUnit()
    {
        var p = TwoUnits(strict: true);
        var nic = p.FindMaster("nic")!;
        var gpu = p.FindMaster("gpu")!;
        p.Map(nic, 0x1000, 0x8000_0000, 0x1000, DmaPermission.Read);
        p.Access(gpu, DmaDirection.Read, 0x1000);
        long before = gpu.Iommu.InvalidationCount;
        p.Unmap(nic, 0x1000, 0x1000);
        gpu.Iommu.InvalidationCount.ShouldBe(before + 1);
        p.Access(gpu, DmaDirection.Read, 0x1000).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void AnSmmuDomainStaysOnItsInstance()
    {
        var p = new SimulatedPlatform();
        p.AddIommu("s0", new SmmuV3Config());
        p.AddIommu("s1", new SmmuV3Config());
        p.AddMaster(new MasterSpec("x", "s0", StreamIds: [1]));
        p.AddMaster(new MasterSpec("y", "s1", StreamIds: [2]));
        p.AttachNamed("x", "one").IsOk.ShouldBeTrue();
        var refused = p.AttachNamed("y", "one");
        refused.IsOk.ShouldBeFalse();
        refused.Detail.ShouldContain("-EINVAL");
    }
}
