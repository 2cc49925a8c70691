using DtIommu.Simulation;
using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;

namespace DtIommu.Tests.Simulation;

public class InvalidationQueueTests
{
    [Fact]
    public void AQueuedInvalidationTakesEffectAtTheSync()
    {
        var sim = new SmmuV3Simulator("smmu0", new SmmuV3Config());
        var m = SimMaster.Single("gpu", 0x10);
        sim.AddMaster(m, out _);
        sim.Attach(m, 7);
        sim.Map(7, 0, 0x9000_0000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(0x10, 0, DmaDirection.Write);
        sim.Unmap(7, 0, 0x1000);
        long before = sim.InvalidationCount;
        sim.Queue(new InvalidationRequest(InvalidationScope.TranslationPage, 7, 0, 0, 0x1000)).ShouldBe(SimStatus.Ok);
        sim.QueuedInvalidations.ShouldBe(1);
        sim.InvalidationCount.ShouldBe(before);
        sim.Access(0x10, 0, DmaDirection.Write).Stale.ShouldBeTrue();
        var done = sim.Sync();
        done.Count.ShouldBe(1);
        done[0].EntriesDropped.ShouldBe(1);
        sim.QueuedInvalidations.ShouldBe(0);
        sim.Access(0x10, 0, DmaDirection.Write).Allowed.ShouldBeFalse();
        sim.SyncCommand.ShouldBe("CMD_SYNC");
    }

    [Fact]
    public void SynchronousInvalidationHasNoQueue()
    {
        var sim = new SingleMasterSimulator("vop", new SingleMasterConfig());
        sim.Queue(new InvalidationRequest(InvalidationScope.TranslationAll)).ShouldBe(SimStatus.InvalidationNotSupported);
        sim.SyncCommand.ShouldBeNull();
    }
}
