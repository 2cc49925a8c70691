using DtIommu.Simulation;
using DtIommu.Simulation.Smmu;

namespace DtIommu.Tests.Simulation;

public class SmmuSimulatorTests
{
    private static SmmuV2Simulator V2(int smrs = 4, int contexts = 4, int bits = 10) => new("smmu0", new SmmuV2Config(smrs, contexts, bits));

    [Fact]
    public void PartiallyOverlappingSmrsAreRefused()
    {
        var sim = V2();
        sim.AddMaster(SimMaster.Single("usb", 0x100, 0xf), out _).ShouldBe(SimStatus.Ok);
        // 0x108/0x30 matches 0x108..0x13f: shares 0x108..0x10f with 0x100/0xf but is not inside it
        sim.AddMaster(SimMaster.Single("dma", 0x108, 0x30), out _).ShouldBe(SimStatus.SmrOverlap);
        sim.LastRefusalDetail.ShouldBe("SMR id 0x108 mask 0x30 partially overlaps SMR id 0x100 mask 0xf (index 0, used by usb)");
        sim.StreamMatchRegisters.Count(s => s.Valid).ShouldBe(1);
    }

    [Fact]
    public void CoveredSmrIsReusedAndSharesAGroup()
    {
        var sim = V2();
        sim.AddMaster(SimMaster.Single("usb", 0x100, 0xf), out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(SimMaster.Single("usb-hc", 0x104), out var peer).ShouldBe(SimStatus.Ok);
        peer.ShouldBe("usb");
        sim.StreamMatchRegisters.Count(s => s.Valid).ShouldBe(1);
    }

    [Fact]
    public void DisjointSmrsGetTheirOwnRegistersUntilTheyRunOut()
    {
        var sim = V2(smrs: 2);
        sim.AddMaster(SimMaster.Single("a", 0x10), out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(SimMaster.Single("b", 0x20), out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(SimMaster.Single("c", 0x30), out _).ShouldBe(SimStatus.NoFreeSmr);
        sim.StreamMatchRegisters.ShouldBe([new StreamMatchRegister(0x10, 0, true), new StreamMatchRegister(0x20, 0, true)]);
    }

    [Fact]
    public void StreamIdAndMaskMustFitTheImplementedBits()
    {
        var sim = V2(bits: 10);
        sim.AddMaster(SimMaster.Single("a", 0x400), out _).ShouldBe(SimStatus.StreamIdOutOfRange);
        sim.LastRefusalDetail.ShouldBe("stream ID 0x400 out of range for SMMU (0x3ff)");
        sim.AddMaster(SimMaster.Single("b", 0x1, 0x800), out _).ShouldBe(SimStatus.SmrMaskOutOfRange);
    }

    [Fact]
    public void MasterWhoseEntriesBelongToTwoGroupsIsRefused()
    {
        var sim = V2();
        sim.AddMaster(SimMaster.Single("a", 0x10, 0x1), out _);
        sim.AddMaster(SimMaster.Single("b", 0x20, 0x1), out _);
        sim.AddMaster(new SimMaster("c", [0x10, 0x20], 0x10), out _).ShouldBe(SimStatus.MasterInTwoGroups);
    }

    [Fact]
    public void MaskedSmrMatchesEveryStreamItCovers()
    {
        var sim = V2();
        var m = SimMaster.Single("gpu", 0x1, 0x30);
        sim.AddMaster(m, out _);
        sim.Attach(m, 7).ShouldBe(SimStatus.Ok);
        sim.Map(7, 0x1000, 0x9000, 0x1000, DmaPermission.Read);
        foreach (uint sid in new uint[] { 0x1, 0x11, 0x21, 0x31 })
            sim.Access(sid, 0x1000, DmaDirection.Read).PhysicalAddress.ShouldBe(0x9000UL);
        sim.Access(0x2, 0x1000, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV2FaultKind.UnidentifiedStream));
        sim.Access(0x1, 0x1000, DmaDirection.Write).Fault.ShouldBe(SmmuFaultText.Code(SmmuV2FaultKind.Permission));
        sim.Access(0x1, 0x2000, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV2FaultKind.Translation));
    }

    [Fact]
    public void UnattachedStreamFaultsThroughItsS2crAndContextBanksRunOut()
    {
        var sim = V2(contexts: 1);
        var a = SimMaster.Single("a", 0x10);
        var b = SimMaster.Single("b", 0x20);
        sim.AddMaster(a, out _);
        sim.AddMaster(b, out _);
        sim.Access(0x10, 0, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV2FaultKind.S2crFault));
        sim.Attach(a, 1).ShouldBe(SimStatus.Ok);
        sim.ContextBankOf(1).ShouldBe(0);
        sim.Attach(b, 2).ShouldBe(SimStatus.NoFreeContextBank);
        sim.Attach(b, 1).ShouldBe(SimStatus.Ok);
    }

    [Fact]
    public void StreamIndexingUsesTheIdAsIndex()
    {
        var sim = new SmmuV2Simulator("s", new SmmuV2Config(StreamIndexing: true, StreamIdBits: 4));
        var a = SimMaster.Single("a", 3);
        sim.AddMaster(a, out _).ShouldBe(SimStatus.Ok);
        sim.Attach(a, 1);
        sim.Map(1, 0, 0x5000, 0x1000, DmaPermission.Read);
        sim.Access(3, 0, DmaDirection.Read).PhysicalAddress.ShouldBe(0x5000UL);
        sim.Access(4, 0, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV2FaultKind.UnidentifiedStream));
    }

    [Fact]
    public void V3RefusesDuplicateStreamIdsAcrossMastersOnly()
    {
        var sim = new SmmuV3Simulator("smmu1", new SmmuV3Config(StreamIdBits: 8));
        sim.AddMaster(SimMaster.Single("pcie0", 0x10), out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(SimMaster.Single("pcie1", 0x10), out _).ShouldBe(SimStatus.DuplicateStreamId);
        sim.LastRefusalDetail.ShouldBe("stream 16 already in tree from dev pcie0");
        sim.AddMaster(new SimMaster("bridged", [0x20, 0x20, 0x21], 0x21), out _).ShouldBe(SimStatus.Ok);
        sim.AddMaster(SimMaster.Single("far", 0x100), out _).ShouldBe(SimStatus.StreamIdOutOfRange);
        sim.Streams.OwnerOf(0x10).ShouldBe("pcie0");
    }

    [Fact]
    public void V3SteAbortsUntilAttachedAndBadStreamIdsFault()
    {
        var sim = new SmmuV3Simulator("smmu1", new SmmuV3Config(StreamIdBits: 8));
        var m = SimMaster.Single("dpu", 0x20);
        sim.AddMaster(m, out _);
        sim.Access(0x20, 0, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV3EventKind.SteAbort));
        sim.Access(0x21, 0, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV3EventKind.BadSte));
        sim.Access(0x100, 0, DmaDirection.Read).Fault.ShouldBe(SmmuFaultText.Code(SmmuV3EventKind.BadStreamId));
        sim.Attach(m, 4);
        sim.Map(4, 0, 0x7000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(0x20, 0x10, DmaDirection.Write).PhysicalAddress.ShouldBe(0x7010UL);
    }

    [Fact]
    public void V3SteUpdatesAreFollowedByCfgiSoTheSteCacheIsNeverStale()
    {
        var sim = new SmmuV3Simulator("smmu1", new SmmuV3Config());
        var m = SimMaster.Single("dpu", 0x20);
        sim.AddMaster(m, out _);
        sim.Attach(m, 4);
        sim.Map(4, 0, 0x7000, 0x1000, DmaPermission.Read);
        sim.Map(5, 0, 0x8000, 0x1000, DmaPermission.Read);
        sim.Access(0x20, 0, DmaDirection.Read).PhysicalAddress.ShouldBe(0x7000UL);
        long before = sim.InvalidationCount;
        sim.Attach(m, 5);
        sim.InvalidationCount.ShouldBe(before + 1);
        var r = sim.Access(0x20, 0, DmaDirection.Read);
        r.PhysicalAddress.ShouldBe(0x8000UL);
        r.Stale.ShouldBeFalse();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.ConfigDevice, 0, 0x20)).Redundant.ShouldBeTrue();
    }
}
