using DtIommu.Simulation;
using DtIommu.Simulation.Groups;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class IdentityDomainTests
{
    private static PciFunction Nic => new("nic", new PciAddress(0, 2, 0), PciDeviceKind.Endpoint);

    [Fact]
    public void VtdWritesPassThroughContextEntries()
    {
        var p = new SimulatedPlatform();
        p.AddIommu("dmar0", new VtdConfig());
        p.AddMaster(new MasterSpec("nic", "dmar0", Pci: Nic)).IsOk.ShouldBeTrue();
        p.AttachIdentity("nic").IsOk.ShouldBeTrue();
        var sim = (VtdSimulator)p.FindIommu("dmar0")!;
        sim.Root[0]![0x10].ShouldBe(new ConfigEntry(true, ConfigMode.Bypass, 1));
        var m = p.FindMaster("nic")!;
        var r = p.Access(m, DmaDirection.Write, 0x1234_5678);
        r.Bypass.ShouldBeTrue();
        r.PhysicalAddress.ShouldBe(0x1234_5678UL);
        p.Map(m, 0x1000, 0x8000_0000, 0x1000, DmaPermission.Read).Status.ShouldBe(SimStatus.NotPagingDomain);
        p.Detach("nic").IsOk.ShouldBeTrue();
        m.Group.CurrentDomain.ShouldBe(m.Group.DefaultDomain);
        p.Access(m, DmaDirection.Write, 0x1234_5678).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void VtdWithoutPassThroughRefusesAndPassthroughDefaultFallsBackToDma()
    {
        var p = new SimulatedPlatform();
        p.AddIommu("dmar0", new VtdConfig(PassThrough: false));
        p.UseIdentityDefault("dmar0");
        var added = p.AddMaster(new MasterSpec("nic", "dmar0", Pci: Nic));
        added.Detail.ShouldEndWith("falls back to a DMA domain");
        p.FindMaster("nic")!.Group.DefaultDomain.ShouldBe(255u);
        p.AttachIdentity("nic").Status.ShouldBe(SimStatus.DomainTypeUnsupported);
    }

    [Fact]
    public void PassthroughDefaultStartsInIdentity()
    {
        var p = new SimulatedPlatform();
        p.AddIommu("smmu0", new SmmuV3Config());
        p.UseIdentityDefault("smmu0");
        p.AddMaster(new MasterSpec("gpu", "smmu0", StreamIds: [0x10])).IsOk.ShouldBeTrue();
        var m = p.FindMaster("gpu")!;
        m.Group.DefaultDomain.ShouldBe(IommuGroup.IdentityDomain);
        ((SmmuV3Simulator)m.Iommu).Streams[0x10].Mode.ShouldBe(ConfigMode.Bypass);
        p.Attach("gpu", 7).IsOk.ShouldBeTrue();
        p.Detach("gpu").IsOk.ShouldBeTrue();
        p.Access(m, DmaDirection.Read, 0x4000).Bypass.ShouldBeTrue();
    }

    [Fact]
    public void SmmuV2BypassesAndAGartRefuses()
    {
        var v2 = new SmmuV2Simulator("smmu", new SmmuV2Config());
        v2.AddMaster(SimMaster.Single("gpu", 0x400), out _);
        v2.AttachIdentity(SimMaster.Single("gpu", 0x400)).ShouldBe(SimStatus.Ok);
        v2.StreamToContexts[0].Type.ShouldBe(S2crType.Bypass);
        var gart = new SingleMasterSimulator("gart", new SingleMasterConfig(SingleActiveDomain: true));
        gart.AddMaster(SimMaster.Single("gr2d", 0x10000), out _);
        gart.AttachIdentity(SimMaster.Single("gr2d", 0x10000)).ShouldBe(SimStatus.DomainTypeUnsupported);
        var rk = new SingleMasterSimulator("vop", new SingleMasterConfig());
        rk.AddMaster(SimMaster.Single("lcdc", 0x10000), out _);
        rk.AttachIdentity(SimMaster.Single("lcdc", 0x10000)).ShouldBe(SimStatus.Ok);
        rk.Access(0x10000, 0x300_0000, DmaDirection.Read).Bypass.ShouldBeTrue();
    }
}
