using DtIommu.Simulation;
using DtIommu.Simulation.Tce;

namespace DtIommu.Tests.Simulation;

public class TceSimulatorTests
{
    private const uint Liobn = 0x8000_0000;

    private static TceSimulator WithPe(ulong size = 0x4000_0000, TceDdwConfig? ddw = null)
    {
        var sim = new TceSimulator("hv");
        sim.AddWindow(new TceWindowConfig(Liobn, 0, size, 12, false, ddw)).ShouldBe(SimStatus.Ok);
        return sim;
    }

    private static SimMaster Dev(string name, uint rid) => new(name, [rid], rid, 0, Liobn);

    [Fact]
    public void PutOutsideTheWindowIsRefusedWithHParameter()
    {
        var sim = WithPe(0x1000_0000);
        sim.Map(Liobn, 0x1000_0000, 0x4000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.TceParameter);
        sim.LastRefusalDetail.ShouldBe("H_PUT_TCE(0x80000000, ioba 0x10000000) outside window 0x0-0xfffffff");
        sim.Table(Liobn)!.ValidEntries.ShouldBe(0);
    }

    [Fact]
    public void PutsBeforeTheFirstOutOfWindowOneStayWritten()
    {
        var sim = WithPe(0x3000_0000);
        sim.Map(Liobn, 0x2fff_e000, 0x4000_0000, 0x4000, DmaPermission.ReadWrite).ShouldBe(SimStatus.TceParameter);
        sim.Table(Liobn)!.ValidEntries.ShouldBe(2);
        sim.LastRefusalDetail.ShouldBe("H_PUT_TCE(0x80000000, ioba 0x30000000) outside window 0x0-0x2fffffff after 2 TCE(s) were written (Linux rounded the table to 0x40000000)");
    }

    [Fact]
    public void DefaultWindowTableIsRoundedToAPowerOfTwoButVioIsNot()
    {
        WithPe(0x3000_0000).Table(Liobn)!.LinuxTableSize.ShouldBe(0x4000_0000UL);
        var sim = new TceSimulator("hv");
        sim.AddWindow(new TceWindowConfig(0x7100_0003, 0, 0x0300_0000, 12, Vio: true));
        sim.Table(0x7100_0003)!.LinuxTableSize.ShouldBe(0x0300_0000UL);
    }

    [Fact]
    public void MisalignedPutIsRefused()
    {
        WithPe().Map(Liobn, 0x1001, 0x4000_0000, 0x1000, DmaPermission.Read).ShouldBe(SimStatus.TceParameter);
    }

    [Fact]
    public void DevicesOfOnePeShareTheTableAndItsReadWriteBits()
    {
        var sim = WithPe();
        sim.AddMaster(Dev("eth0", 0x08), out var peer0).ShouldBe(SimStatus.Ok);
        sim.AddMaster(Dev("eth1", 0x10), out var peer1).ShouldBe(SimStatus.Ok);
        peer0.ShouldBeNull();
        peer1.ShouldBe("eth0");
        sim.Map(Liobn, 0x1000, 0x4000_0000, 0x1000, DmaPermission.Read);
        var r = sim.Access(0x10, 0x1234, DmaDirection.Read);
        r.Allowed.ShouldBeTrue();
        r.PhysicalAddress.ShouldBe(0x4000_0234UL);
        sim.Access(0x10, 0x1000, DmaDirection.Write).Fault.ShouldBe(TceFaultText.Code(TceFaultKind.WriteNotSet));
        sim.Access(0x08, 0x4000_0000, DmaDirection.Read).Fault.ShouldBe(TceFaultText.Code(TceFaultKind.OutsideWindow));
        sim.Unmap(Liobn, 0x1000, 0x1000).ShouldBe(SimStatus.Ok);
        sim.Access(0x08, 0x1000, DmaDirection.Read).Fault.ShouldBe(TceFaultText.Code(TceFaultKind.ReadNotSet));
    }

    [Fact]
    public void TceHasNothingToInvalidate()
    {
        var sim = WithPe();
        sim.Invalidations.ShouldBeEmpty();
        sim.Invalidate(new InvalidationRequest(InvalidationScope.TranslationAll)).Status.ShouldBe(SimStatus.InvalidationNotSupported);
    }

    [Fact]
    public void DdwPicksTheLargestPageAndPlacesTheWindowAt2To59()
    {
        var sim = WithPe(ddw: new TceDdwConfig());
        sim.CreateDdw(Liobn, 40, 63, out var w).ShouldBe(SimStatus.Ok);
        w!.Liobn.ShouldBe(0x8000_0001u);
        w.Base.ShouldBe(1UL << 59);
        w.PageShift.ShouldBe(24);
        sim.WindowsOf(Liobn).Count.ShouldBe(2);
        sim.CreateDdw(Liobn, 40, 63, out _).ShouldBe(SimStatus.DdwNoWindowAvailable);
    }

    [Fact]
    public void DdwRespectsPageLimitAndLargestBlock()
    {
        var sim = WithPe(ddw: new TceDdwConfig(LargestBlock: 1UL << 20));
        sim.CreateDdw(Liobn, 40, 16, out _).ShouldBe(SimStatus.DdwTooLarge); // 2^40 / 64K = 2^24 TCEs
        sim.CreateDdw(Liobn, 36, 16, out var w).ShouldBe(SimStatus.Ok);
        w!.PageShift.ShouldBe(16);
        WithPe(ddw: new TceDdwConfig(PageShifts: [16, 24])).CreateDdw(Liobn, 36, 12, out _).ShouldBe(SimStatus.DdwPageSizeUnsupported);
    }

    [Fact]
    public void DdwRemovesTheDefaultWindowOnlyWhenUnusedAndResettable()
    {
        var busy = WithPe(ddw: new TceDdwConfig(MaxWindows: 1));
        busy.Map(Liobn, 0, 0x1000, 0x1000, DmaPermission.Read);
        busy.CreateDdw(Liobn, 32, 63, out _).ShouldBe(SimStatus.DdwNoWindowAvailable);
        busy.LastRefusalDetail.ShouldBe("no window is available and the default window still holds 1 TCE(s)");

        WithPe(ddw: new TceDdwConfig(MaxWindows: 1, ResetExtension: false)).CreateDdw(Liobn, 32, 63, out _).ShouldBe(SimStatus.DdwNoWindowAvailable);

        var idle = WithPe(ddw: new TceDdwConfig(MaxWindows: 1));
        idle.CreateDdw(Liobn, 32, 63, out _).ShouldBe(SimStatus.Ok);
        idle.Table(Liobn).ShouldBeNull();
        idle.WindowsOf(Liobn).Single().Liobn.ShouldBe(0x8000_0001u);
    }

    [Fact]
    public void PeWithoutDdwApplicableRefuses()
    {
        WithPe().CreateDdw(Liobn, 32, 63, out _).ShouldBe(SimStatus.DdwNotApplicable);
    }

    [Fact]
    public void AttachingToAnotherPesWindowIsRefused()
    {
        var sim = WithPe();
        sim.AddWindow(new TceWindowConfig(0x8000_0100, 0, 0x4000_0000));
        var dev = Dev("eth0", 0x08);
        sim.AddMaster(dev, out _);
        sim.Attach(dev, Liobn).ShouldBe(SimStatus.Ok);
        sim.Attach(dev, 0x8000_0100).ShouldBe(SimStatus.TceWrongPe);
    }
}
