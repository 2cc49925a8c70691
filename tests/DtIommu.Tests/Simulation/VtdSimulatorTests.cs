using DtIommu.Simulation;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Tests.Simulation;

public class VtdSimulatorTests
{
    private const uint Rid = 0x0010; // 00:02.0

    private static VtdSimulator Attached(VtdConfig config, uint did = 5)
    {
        var sim = new VtdSimulator("dmar0", config);
        sim.AddMaster(SimMaster.Single("nic", Rid), out _).ShouldBe(SimStatus.Ok);
        sim.Attach(SimMaster.Single("nic", Rid), did).ShouldBe(SimStatus.Ok);
        return sim;
    }

    private static FaultCode Reason(VtdFaultReason r) => VtdFaultReasons.Code(r);

    [Fact]
    public void MapOverALivePteKeepsTheOldOneAndWarns()
    {
        var sim = Attached(new VtdConfig());
        sim.Map(5, 0x10000, 0x8000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Ok);
        sim.Map(5, 0x10000, 0x9000_0000, 0x2000, DmaPermission.ReadWrite).ShouldBe(SimStatus.Ok);
        sim.LastWarning.ShouldBe("WARN: DMA PTE for vPFN 0x10 already set (to 80000001 not 90000003); the old PTE is kept");
        sim.KeptPages.ShouldBe(1UL);
        sim.Access(Rid, 0x10000, DmaDirection.Write).Fault.ShouldBe(Reason(VtdFaultReason.PteWriteNotSet));
        sim.Access(Rid, 0x11000, DmaDirection.Write).PhysicalAddress.ShouldBe(0x9000_1000UL);
        sim.IsInvalidationPending(5, 0x10000, 0x2000).ShouldBeFalse();
    }

    [Fact]
    public void DomainIdsZeroAndOneAreReserved()
    {
        var sim = new VtdSimulator("dmar0", new VtdConfig(NumDomains: 16));
        sim.AddMaster(SimMaster.Single("nic", Rid), out _);
        sim.Attach(SimMaster.Single("nic", Rid), 0).ShouldBe(SimStatus.ReservedDomainId);
        sim.Attach(SimMaster.Single("nic", Rid), 1).ShouldBe(SimStatus.ReservedDomainId);
        sim.LastRefusalDetail.ShouldBe("domain ID 1 is reserved (FLPT_DEFAULT_DID: first-level, pass-through and identity entries)");
        var ids = new List<uint>();
        while (sim.AllocateDefaultDomain(SimMaster.Single("x", 1), out uint d) == SimStatus.Ok) ids.Add(d);
        ids.Count.ShouldBe(14);
        ids.ShouldNotContain(1u);
    }

    [Fact]
    public void FlushQueueCountsRangesPerDomainAndDrainsOnTimer()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: false, FlushQueueSize: 4));
        var other = SimMaster.Single("disk", 0x0018);
        sim.AddMaster(other, out _);
        sim.Attach(other, 6);
        sim.Map(5, 0, 0x8000_0000, 0x100000, DmaPermission.Read);
        sim.Map(6, 0, 0x9000_0000, 0x1000, DmaPermission.Read);
        sim.Access(Rid, 0, DmaDirection.Read);
        // One 1 MiB range is one queue entry: no flush yet, the cached entry is stale.
        sim.Unmap(5, 0, 0x100000);
        sim.InvalidationCount.ShouldBe(0);
        sim.QueuedRanges(5).ShouldBe(1);
        sim.Access(Rid, 0, DmaDirection.Read).Stale.ShouldBeTrue();
        // The other domain's unmaps fill its own queue and flush only it.
        sim.Map(6, 0x1000, 0x9000_1000, 0x3000, DmaPermission.Read);
        for (ulong i = 0; i < 4; i++) sim.Unmap(6, i << 12, 0x1000);
        sim.InvalidationCount.ShouldBe(1);
        sim.IsInvalidationPending(6, 0, 0x4000).ShouldBeFalse();
        sim.IsInvalidationPending(5, 0, 0x1000).ShouldBeTrue();
        sim.FlushQueueTimeout().ShouldBe(2);
        sim.IsInvalidationPending(5, 0, 0x100000).ShouldBeFalse();
        sim.QueuedRanges(5).ShouldBe(0);
    }

    [Fact]
    public void NewMappingNeedsNoFlushWithoutCachingMode()
    {
        var sim = Attached(new VtdConfig(CachingMode: false));
        sim.Access(Rid, 0x4000, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.PteReadNotSet));
        sim.Map(5, 0x4000, 0x9000_0000, 0x1000, DmaPermission.ReadWrite).ShouldBe(SimStatus.Ok);
        sim.IsInvalidationPending(5, 0x4000, 0x1000).ShouldBeFalse();
        var r = sim.Access(Rid, 0x4123, DmaDirection.Read);
        r.Allowed.ShouldBeTrue();
        r.PhysicalAddress.ShouldBe(0x9000_0123UL);
    }

    [Fact]
    public void NewMappingNeedsAFlushWithCachingMode()
    {
        var sim = Attached(new VtdConfig(CachingMode: true));
        sim.Access(Rid, 0x4000, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.PteReadNotSet));
        sim.Map(5, 0x4000, 0x9000_0000, 0x1000, DmaPermission.ReadWrite).ShouldBe(SimStatus.Ok);
        sim.IsInvalidationPending(5, 0x4000, 0x1000).ShouldBeTrue();

        var cachedAbsent = sim.Access(Rid, 0x4000, DmaDirection.Read);
        cachedAbsent.Fault.ShouldBe(Reason(VtdFaultReason.PteReadNotSet));
        cachedAbsent.Stale.ShouldBeTrue();
        cachedAbsent.CacheHit.ShouldBeTrue();

        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x4000, 0x1000)).Redundant.ShouldBeFalse();
        sim.Access(Rid, 0x4000, DmaDirection.Read).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void DeferredUnmapLeavesStaleEntryUntilInvalidated()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: false));
        sim.Map(5, 0x10000, 0x8000_0000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(Rid, 0x10000, DmaDirection.Read).Allowed.ShouldBeTrue();
        sim.Unmap(5, 0x10000, 0x1000).ShouldBe(SimStatus.Ok);
        sim.Tlb.Count.ShouldBe(1);

        var stale = sim.Access(Rid, 0x10000, DmaDirection.Read);
        stale.Allowed.ShouldBeTrue();
        stale.Stale.ShouldBeTrue();
        sim.PendingInvalidations().ShouldBe(["dmar0: domain 5: 1 page(s) changed and not invalidated: 0x10000-0x10fff"]);

        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, 5)).EntriesDropped.ShouldBe(1);
        sim.Access(Rid, 0x10000, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.PteReadNotSet));
        sim.PendingInvalidations().ShouldBeEmpty();
    }

    [Fact]
    public void StrictUnmapInvalidatesByItself()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: true));
        sim.Map(5, 0x10000, 0x8000_0000, 0x1000, DmaPermission.ReadWrite);
        sim.Access(Rid, 0x10000, DmaDirection.Read);
        long before = sim.InvalidationCount;
        sim.Unmap(5, 0x10000, 0x1000);
        sim.InvalidationCount.ShouldBe(before + 1);
        var r = sim.Access(Rid, 0x10000, DmaDirection.Read);
        r.Allowed.ShouldBeFalse();
        r.Stale.ShouldBeFalse();
    }

    [Fact]
    public void CachingModeForcesStrictUnmap()
    {
        var sim = new VtdSimulator("v", new VtdConfig(CachingMode: true, StrictUnmap: false));
        sim.EffectiveStrict.ShouldBeTrue();
    }

    [Fact]
    public void DeferredUnmapFlushesDomainWhenQueueFills()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: false, FlushQueueSize: 2));
        sim.Map(5, 0x0, 0x1000_0000, 0x2000, DmaPermission.Read);
        long before = sim.InvalidationCount;
        sim.Unmap(5, 0x0, 0x1000);
        sim.InvalidationCount.ShouldBe(before);
        sim.Unmap(5, 0x1000, 0x1000);
        sim.InvalidationCount.ShouldBe(before + 1);
        sim.IsInvalidationPending(5, 0, 0x2000).ShouldBeFalse();
    }

    [Fact]
    public void RootAndContextEntriesNotPresentFaultWithTheirReasons()
    {
        var sim = Attached(new VtdConfig());
        sim.Access(0x0300, 0x0, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.RootEntryNotPresent));
        sim.Access(0x0018, 0x0, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.ContextEntryNotPresent));
        sim.Faults.Entries.Select(f => f.Render()).ShouldBe([
            "dmar0: source 0x0300 read 0x0: VT-d fault reason 1: Present bit in root entry is clear",
            "dmar0: source 0x0018 read 0x0: VT-d fault reason 2: Present bit in context entry is clear",
        ]);
    }

    [Fact]
    public void AccessBeyondMgawFaultsAndMappingBeyondWidthIsRefused()
    {
        var sim = Attached(new VtdConfig(AddressWidth: 39, Mgaw: 39));
        sim.Map(5, 1UL << 39, 0, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.BeyondAddressWidth);
        sim.LastRefusalDetail.ShouldBe("iommu width (39) is not sufficient for the mapped address (0x8000000fff)");
        sim.Access(Rid, 1UL << 39, DmaDirection.Read).Fault.ShouldBe(Reason(VtdFaultReason.BeyondMgaw));
    }

    [Fact]
    public void DomainIdZeroIsReservedAndTheCountIsBounded()
    {
        var sim = new VtdSimulator("d", new VtdConfig(NumDomains: 16));
        var m = SimMaster.Single("a", Rid);
        sim.AddMaster(m, out _);
        sim.Attach(m, 0).ShouldBe(SimStatus.ReservedDomainId);
        sim.Attach(m, 16).ShouldBe(SimStatus.UnknownDomain);
        sim.Attach(m, 15).ShouldBe(SimStatus.Ok);
        sim.Map(0, 0, 0, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.ReservedDomainId);
    }

    [Fact]
    public void MappingWithoutPermissionOrMisalignedIsRefused()
    {
        var sim = Attached(new VtdConfig());
        sim.Map(5, 0x1000, 0x2000, 0x1000, DmaPermission.None).ShouldBe(SimStatus.NoPermission);
        sim.Map(5, 0x1001, 0x2000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Misaligned);
        sim.Map(5, 0x1000, 0x2000, 0, DmaPermission.Read).ShouldBe(SimStatus.EmptyRange);
    }

    [Fact]
    public void ContextChangeIsFlushedByTheDriverAndMovesTheDevice()
    {
        var sim = Attached(new VtdConfig());
        var m = SimMaster.Single("nic", Rid);
        sim.Map(5, 0x1000, 0xa000, 0x1000, DmaPermission.Read);
        sim.Map(6, 0x1000, 0xb000, 0x1000, DmaPermission.Read);
        sim.Access(Rid, 0x1000, DmaDirection.Read).PhysicalAddress.ShouldBe(0xa000UL);
        long before = sim.InvalidationCount;
        sim.Attach(m, 6);
        // device-selective context flush with the old DID, then a DSI of the old domain
        sim.InvalidationCount.ShouldBe(before + 2);
        var r = sim.Access(Rid, 0x1000, DmaDirection.Read);
        r.PhysicalAddress.ShouldBe(0xb000UL);
        r.Stale.ShouldBeFalse();
    }

    [Fact]
    public void PerDeviceDomainInvalidationIsRedundantTheSecondTime()
    {
        var sim = new VtdSimulator("dmar0", new VtdConfig(StrictUnmap: false));
        var a = SimMaster.Single("a", 0x0100);
        var b = SimMaster.Single("b", 0x0108);
        sim.AddMaster(a, out _);
        sim.AddMaster(b, out _);
        sim.Attach(a, 3);
        sim.Attach(b, 3);
        sim.Map(3, 0x1000, 0x5000, 0x1000, DmaPermission.Read);
        sim.Unmap(3, 0x1000, 0x1000);
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, 3)).Redundant.ShouldBeFalse();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationDomain, 3)).Redundant.ShouldBeTrue();
    }

    [Fact]
    public void PageSelectiveInvalidationIsWidenedLikeLinuxAndFallsBackToDomain()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: false, MaxAddressMask: 2));
        sim.Map(5, 0x0, 0x10_0000, 0x10000, DmaPermission.Read);
        for (ulong a = 0; a < 0x10000; a += 0x1000) sim.Access(Rid, a, DmaDirection.Read);
        // pages 3..4 are not 2-page aligned: the aligned block holding both is pages 0..7 (AM=3) > MAMV=2 -> DSI
        var wide = sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x3000, 0x2000));
        wide.Effective.ShouldBe(InvalidationScope.TranslationDomain);
        wide.EntriesDropped.ShouldBe(16);

        for (ulong a = 0; a < 0x10000; a += 0x1000) sim.Access(Rid, a, DmaDirection.Read);
        // pages 4..5: aligned block 4..5 (AM=1)
        var psi = sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x4000, 0x2000));
        psi.Effective.ShouldBe(InvalidationScope.TranslationPage);
        psi.EntriesDropped.ShouldBe(2);
        // pages 5..6 straddle an alignment boundary: widened to pages 4..7 (AM=2)
        var widened = sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x5000, 0x2000));
        widened.Effective.ShouldBe(InvalidationScope.TranslationPage);
        widened.EntriesDropped.ShouldBe(2); // 6 and 7; 4 and 5 were already gone
    }

    [Fact]
    public void WithoutPageSelectiveSupportPageRequestsBecomeDomainWide()
    {
        var sim = Attached(new VtdConfig(PageSelectiveInvalidation: false));
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationPage, 5, 0, 0x1000, 0x1000)).Effective.ShouldBe(InvalidationScope.TranslationDomain);
    }

    [Fact]
    public void RefusalDetailBelongsToTheLastOperationOnly()
    {
        var sim = Attached(new VtdConfig(AddressWidth: 39, Mgaw: 39));
        sim.Map(5, 1UL << 39, 0, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.BeyondAddressWidth);
        sim.LastRefusalDetail.ShouldNotBeNull();
        sim.Map(5, 0x1001, 0, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.Misaligned);
        sim.LastRefusalDetail.ShouldBeNull();
    }

    [Fact]
    public void MapAccessUnmapHotPathDoesNotAllocate()
    {
        var sim = Attached(new VtdConfig(StrictUnmap: true));
        void Loop(int n)
        {
            for (int i = 0; i < n; i++)
            {
                ulong iova = 0x100000UL + ((ulong)(i & 255) << 12);
                sim.Map(5, iova, 0x8000_0000, 0x1000, DmaPermission.ReadWrite);
                sim.Access(Rid, iova, DmaDirection.Write);
                sim.Unmap(5, iova, 0x1000);
            }
        }
        Loop(1000);
        // A hot path that allocates does so on every pass; the runtime's own one-off work (a method tiering up
        // while the loop runs) lands on one pass at most, so one clean pass of three is the verdict.
        var allocated = new List<long>();
        for (var pass = 0; pass < 3 && !allocated.Contains(0); pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Loop(10_000);
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        allocated.ShouldContain(0L);
        sim.Faults.Count.ShouldBe(0);
    }

    [Fact]
    public void InvalidConfigurationsAreRejected()
    {
        new VtdConfig(NumDomains: 100).Validate().ShouldBe("domains=100 is not 2^(4+2*ND): use 16, 64, 256, 1024, 4096, 16384 or 65536");
        new VtdConfig(AddressWidth: 40).Validate().ShouldBe("aw=40: the adjusted guest address width must be 39, 48 or 57");
        new VtdConfig().Validate().ShouldBeNull();
    }
}
