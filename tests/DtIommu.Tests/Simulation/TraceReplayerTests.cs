using DtIommu.Diagnostics;
using DtIommu.Simulation;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Trace;

namespace DtIommu.Tests.Simulation;

public class TraceReplayerTests
{
    private static ReplayReport Replay(string text, SimulatedPlatform? platform = null)
    {
        var bag = new DiagnosticBag();
        var report = TraceReplayer.ParseAndReplay(text, "r.trace", bag, platform);
        bag.Items.ShouldBeEmpty();
        return report!;
    }

    [Fact]
    public void UnmapWithoutInvalidationIsReportedAsStale()
    {
        var report = Replay("""
            iommu d vtd deferred
            master m on d pci=00:02.0
            map m 0x1000 0x80000000 0x1000 rw
            access m read 0x1000
            unmap m 0x1000 0x1000
            access m read 0x1000
            """);
        var stale = report.Steps[5];
        stale.Verdict.ShouldBe(StepVerdict.Allowed);
        stale.Stale.ShouldBeTrue();
        report.Summary.Stale.ShouldBe(1);
        report.Render().ShouldContain("6: access m read 0x1000 -> allowed: phys 0x80000000 (domain 255, cached) [STALE]\n");
        report.Pending.ShouldBe(["d: domain 255: 1 page(s) changed and not invalidated: 0x1000-0x1fff"]);
    }

    [Fact]
    public void PerDeviceInvalidationOfTwoDevicesInOneDomainIsRedundant()
    {
        var report = Replay("""
            iommu d vtd deferred
            master a on d pci=00:02.0
            master b on d pci=00:03.0
            attach a domain=5
            attach b domain=5
            map a 0x1000 0x80000000 0x1000 rw
            unmap a 0x1000 0x1000
            invalidate a iotlb-domain
            invalidate b iotlb-domain
            """);
        report.Steps[7].Redundant.ShouldBeFalse();
        report.Steps[8].Redundant.ShouldBeTrue();
        report.Steps[8].Invalidations.ShouldBe(1);
        report.Summary.Redundant.ShouldBe(1);
        report.Steps[8].Notes.ShouldBe(["redundant: nothing in its scope changed since the last invalidation that covered it"]);
    }

    [Fact]
    public void InvalidationsAreCountedPerStepIncludingTheDriversOwn()
    {
        var report = Replay("""
            iommu d vtd strict
            master a on d pci=00:02.0
            map a 0x0 0x0 0x2000 r
            unmap a 0x0 0x2000
            """);
        report.Steps.Select(s => s.Invalidations).ShouldBe([0, 0, 0, 1]);
        report.Summary.Invalidations.ShouldBe(1);
    }

    [Fact]
    public void FreeingAMappedBufferIsABug()
    {
        var report = Replay("""
            iommu s single-master
            master m on s
            map m 0x1000 0x40000000 0x2000 rw
            free 0x40001000 0x1000
            access m write 0x2000
            """);
        report.Steps[3].Verdict.ShouldBe(StepVerdict.Bug);
        report.Steps[3].Notes.ShouldBe(["still mapped: s domain 0 iova 0x1000-0x2fff -> 0x40000000-0x40001fff"]);
        report.Steps[4].Verdict.ShouldBe(StepVerdict.Bug);
        report.Summary.Bugs.ShouldBe(2);
    }

    [Fact]
    public void TraceRunsAgainstAnExternallyBuiltPlatform()
    {
        var platform = new SimulatedPlatform();
        platform.AddIommu("smmu", new SmmuV3Config()).IsOk.ShouldBeTrue();
        platform.AddMaster(new MasterSpec("gpu", "smmu", [0x42])).IsOk.ShouldBeTrue();
        var report = Replay("""
            map gpu 0x10000 0x90000000 0x1000 r
            access gpu read 0x10010
            """, platform);
        report.Steps[1].Detail.ShouldBe("phys 0x90000010 (domain 65535)");
        report.Groups.ShouldBe(["group 0 on smmu: gpu; domain 65535 (default)"]);
    }

    [Fact]
    public void UnknownNamesAreLocatedReplayErrors()
    {
        var bag = new DiagnosticBag();
        var report = TraceReplayer.ParseAndReplay("iommu d vtd\naccess ghost read 0\ninvalidate m tlbi-va 0 4K\nmaster m on nowhere sid=1\n", "r.trace", bag);
        report!.Summary.Errors.ShouldBe(3);
        bag.Items.Select(TraceDiagnosticFormatter.Format).ShouldBe([
            "r.trace:2:8: error: no master is named 'ghost'",
            "r.trace:3:12: error: no master is named 'm'",
            "r.trace:4:13: error: no IOMMU is named 'nowhere'",
        ]);
    }

    [Fact]
    public void InvalidationTheHardwareLacksIsALocatedError()
    {
        var bag = new DiagnosticBag();
        TraceReplayer.ParseAndReplay("iommu d vtd\nmaster m on d pci=00:01.0\ninvalidate m tlbi-va 0 4K\n", "r.trace", bag);
        bag.Items.Select(TraceDiagnosticFormatter.Format).ShouldBe([
            "r.trace:3:14: error: d (vtd) has no invalidation 'tlbi-va'; it has iotlb-global, iotlb-domain, iotlb-page, context-global, context-domain, context-device, devtlb",
        ]);
    }

    [Fact]
    public void SecondMasterOnSingleMasterIommuJoinsTheFirstOnesGroup()
    {
        var report = Replay("iommu s single-master\nmaster a on s\nmaster b on s\n");
        report.Steps[2].Verdict.ShouldBe(StepVerdict.Ok);
        report.Steps[2].Detail.ShouldBe("no ID; joins group 0 (a); domain 0 (default)");
    }

    [Fact]
    public void ParseErrorsPreventReplay()
    {
        var bag = new DiagnosticBag();
        TraceReplayer.ParseAndReplay("iommu d vtd\nmap\n", "r.trace", bag).ShouldBeNull();
        TraceRunner.Run("iommu d vtd\nmap\n", "r.trace").ShouldBe("r.trace:2:4: error: 'map' needs a master\nr.trace:2:4: error: 'map' needs an IOVA\nr.trace:2:4: error: 'map' needs a physical address\nr.trace:2:4: error: 'map' needs a size\nr.trace:2:4: error: 'map' needs a permission (r, w, rw or none)\n");
    }
}
