using DtIommu.Simulation;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class GroupTests
{
    private static PciAddress A(string bdf) => PciAddress.TryParse(bdf, out var a) ? a : throw new ArgumentException(bdf);

    private static SimulatedPlatform BridgedPlatform(bool rootPortAcs = true)
    {
        var p = new SimulatedPlatform();
        p.AddIommu("dmar0", new VtdConfig(StrictUnmap: false)).IsOk.ShouldBeTrue();
        p.AddPciFunction(new PciFunction("rp0", A("00:1c.0"), PciDeviceKind.RootPort, Acs: rootPortAcs, SecondaryBus: 1, SubordinateBus: 2)).IsOk.ShouldBeTrue();
        p.AddPciFunction(new PciFunction("br0", A("01:00.0"), PciDeviceKind.PcieToPciBridge, SecondaryBus: 2)).IsOk.ShouldBeTrue();
        p.AddMaster(new MasterSpec("cap0", "dmar0", Pci: new PciFunction("cap0", A("02:01.0"), PciDeviceKind.ConventionalDevice))).IsOk.ShouldBeTrue();
        p.AddMaster(new MasterSpec("cap1", "dmar0", Pci: new PciFunction("cap1", A("02:02.0"), PciDeviceKind.ConventionalDevice))).IsOk.ShouldBeTrue();
        p.AddMaster(new MasterSpec("nvme", "dmar0", Pci: new PciFunction("nvme", A("00:04.0"), PciDeviceKind.Endpoint))).IsOk.ShouldBeTrue();
        return p;
    }

    [Fact]
    public void DeviceBehindPcieToPciBridgeSharesItsGroupWithSiblings()
    {
        var p = BridgedPlatform();
        var cap0 = p.FindMaster("cap0")!;
        var cap1 = p.FindMaster("cap1")!;
        var nvme = p.FindMaster("nvme")!;
        cap0.Group.ShouldBeSameAs(cap1.Group);
        nvme.Group.ShouldNotBeSameAs(cap0.Group);
        p.Pci.GroupOf(p.Pci.Find("br0")!).ShouldBe(p.Pci.GroupOf(cap0.Pci!));
        p.Pci.GroupOf(p.Pci.Find("rp0")!).ShouldNotBe(p.Pci.GroupOf(cap0.Pci!));
    }

    [Fact]
    public void BridgedDevicesAliasToTheBridgeRequesterId()
    {
        var p = BridgedPlatform();
        var cap1 = p.FindMaster("cap1")!;
        cap1.Sim.SourceIds.ShouldBe([0x0210u, 0x0200u]);
        cap1.Sim.WireSourceId.ShouldBe(0x0200u);
        RequesterIdAliaser.Aliases(p.Pci, cap1.Pci!).Select(a => a.Owner.Name).ShouldBe(["cap1", "br0"]);
    }

    [Fact]
    public void AttachingOneMemberMovesTheWholeGroupAndDetachReturnsToDefault()
    {
        var p = BridgedPlatform();
        var group = p.FindMaster("cap0")!.Group;
        uint dflt = group.DefaultDomain;
        p.Attach("cap1", 7).IsOk.ShouldBeTrue();
        group.CurrentDomain.ShouldBe(7u);
        var cap0 = p.FindMaster("cap0")!;
        p.Map(cap0, 0x1000, 0xa000, 0x1000, DmaPermission.Read).IsOk.ShouldBeTrue();
        p.Access(p.FindMaster("cap1")!, DmaDirection.Read, 0x1000).PhysicalAddress.ShouldBe(0xa000UL);
        p.Access(p.FindMaster("nvme")!, DmaDirection.Read, 0x1000).Allowed.ShouldBeFalse();
        p.Detach("cap0").IsOk.ShouldBeTrue();
        group.CurrentDomain.ShouldBe(dflt);
    }

    [Fact]
    public void HotAddedDeviceJoinsItsGroupsCurrentDomain()
    {
        var p = BridgedPlatform();
        p.Attach("cap0", 7);
        var outcome = p.AddMaster(new MasterSpec("cap2", "dmar0", Pci: new PciFunction("cap2", A("02:03.0"), PciDeviceKind.ConventionalDevice)));
        outcome.IsOk.ShouldBeTrue();
        outcome.Detail.ShouldBe("rid 02:00.0 (aliases 02:03.0, 02:00.0); joins group 0 (cap0, cap1); domain 7 (group's current)");
        var cap2 = p.FindMaster("cap2")!;
        cap2.Group.CurrentDomain.ShouldBe(7u);
        p.Map(p.FindMaster("cap0")!, 0x3000, 0xc000, 0x1000, DmaPermission.Read);
        p.Access(cap2, DmaDirection.Read, 0x3000).PhysicalAddress.ShouldBe(0xc000UL);
    }

    [Fact]
    public void EveryGroupHasADefaultDomain()
    {
        var p = BridgedPlatform();
        p.Groups.Count.ShouldBe(2);
        p.Groups.Select(g => g.DefaultDomain).ShouldBe([255u, 254u]);
        p.Groups.ShouldAllBe(g => g.CurrentDomain == g.DefaultDomain);
    }

    [Fact]
    public void RootPortWithoutAcsPutsEverythingBelowInItsGroup()
    {
        var topo = new PciTopology();
        topo.Add(new PciFunction("rp", A("00:1c.0"), PciDeviceKind.RootPort, Acs: false, SecondaryBus: 1)).ShouldBeNull();
        topo.Add(new PciFunction("a", A("01:00.0"), PciDeviceKind.Endpoint)).ShouldBeNull();
        topo.Add(new PciFunction("b", A("00:1d.0"), PciDeviceKind.RootPort, Acs: true, SecondaryBus: 2)).ShouldBeNull();
        topo.Add(new PciFunction("c", A("02:00.0"), PciDeviceKind.Endpoint)).ShouldBeNull();
        topo.GroupOf(topo.Find("a")!).ShouldBe(topo.GroupOf(topo.Find("rp")!));
        topo.GroupOf(topo.Find("c")!).ShouldNotBe(topo.GroupOf(topo.Find("b")!));
    }

    [Fact]
    public void MultiFunctionEndpointsWithoutAcsShareAGroup()
    {
        var topo = new PciTopology();
        topo.Add(new PciFunction("f0", A("00:05.0"), PciDeviceKind.Endpoint, MultiFunction: true)).ShouldBeNull();
        topo.Add(new PciFunction("f1", A("00:05.1"), PciDeviceKind.Endpoint, MultiFunction: true)).ShouldBeNull();
        topo.Add(new PciFunction("g0", A("00:06.0"), PciDeviceKind.Endpoint, Acs: true, MultiFunction: true)).ShouldBeNull();
        topo.Add(new PciFunction("g1", A("00:06.1"), PciDeviceKind.Endpoint, Acs: true, MultiFunction: true)).ShouldBeNull();
        topo.GroupOf(topo.Find("f0")!).ShouldBe(topo.GroupOf(topo.Find("f1")!));
        topo.GroupOf(topo.Find("g0")!).ShouldNotBe(topo.GroupOf(topo.Find("g1")!));
    }

    [Fact]
    public void ConventionalBridgeAliasesWithItsOwnRequesterId()
    {
        var topo = new PciTopology();
        topo.Add(new PciFunction("pb", A("00:1e.0"), PciDeviceKind.ConventionalBridge, SecondaryBus: 5)).ShouldBeNull();
        topo.Add(new PciFunction("d", A("05:02.0"), PciDeviceKind.ConventionalDevice)).ShouldBeNull();
        RequesterIdAliaser.Aliases(topo, topo.Find("d")!).Select(a => a.RequesterId).ShouldBe([(ushort)0x0510, (ushort)0x00f0]);
        RequesterIdAliaser.WireRequesterId(topo, topo.Find("d")!).ShouldBe((ushort)0x00f0);
    }

    [Fact]
    public void TopologyRefusesOrphansAndDuplicates()
    {
        var topo = new PciTopology();
        topo.Add(new PciFunction("x", A("03:00.0"), PciDeviceKind.Endpoint)).ShouldBe("no bridge has bus 03 below it");
        topo.Add(new PciFunction("y", A("00:01.0"), PciDeviceKind.Endpoint)).ShouldBeNull();
        topo.Add(new PciFunction("z", A("00:01.0"), PciDeviceKind.Endpoint)).ShouldBe("00:01.0 is already 'y'");
    }
}
