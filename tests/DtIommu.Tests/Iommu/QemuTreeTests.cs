using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;

namespace DtIommu.Tests.Iommu;

/// <summary>Device trees as QEMU 7.2 generates them (fixtures described in Fixtures/README.md).</summary>
public class QemuTreeTests
{
    public static string Fixture(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "tests", "DtIommu.Tests", "Iommu", "Fixtures", name);
            if (File.Exists(p)) return File.ReadAllText(p);
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Pseries_phb_windows_and_liobns()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-pseries-pci.dts"));
        var phb0 = m.Master("/pci@800000020000000");
        phb0.Kind.ShouldBe(MasterKind.PseriesPe);
        phb0.State.ShouldBe(IommuState.Translated);
        phb0.Liobn.ShouldBe(0x80000000u);
        phb0.Window!.Range.ShouldBe(new AddressRange(0, 0x3fffffff));
        phb0.Window.TableRange.ShouldBe(new AddressRange(0, 0x3fffffff));
        phb0.Window.Source.ShouldBe(WindowSource.DmaWindowProperty);
        phb0.Functions.ShouldBe([
            new PciFunction("/pci@800000020000000/ethernet@0", 0x0000),
            new PciFunction("/pci@800000020000000/ethernet@1", 0x0008),
        ]);
        var phb1 = m.Master("/pci@800000020000001");
        phb1.Liobn.ShouldBe(0x80000100u);
        phb1.Window!.Range.ShouldBe(new AddressRange(0, 0x3fffffff));
        phb1.Functions.ShouldBe([
            new PciFunction("/pci@800000020000001/scsi@0", 0x0000),
            new PciFunction("/pci@800000020000001/pci@1", 0x0008),
            new PciFunction("/pci@800000020000001/pci@1/ethernet@1", 0x0108),
        ]);
        phb1.ReachableRam.ShouldBe([new AddressRange(0, 0x7fffffff)]);
    }

    [Fact]
    public void Pseries_vio_windows_use_reg_as_liobn()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-pseries-pci.dts"));
        var vscsi = m.Master("/vdevice/v-scsi@71000001");
        vscsi.Kind.ShouldBe(MasterKind.PseriesVio);
        vscsi.Liobn.ShouldBe(0x71000001u);
        vscsi.Window!.Range.ShouldBe(new AddressRange(0, 0x0fffffff));
        var llan = m.Master("/vdevice/l-lan@71000002");
        llan.Liobn.ShouldBe(0x71000002u);
        llan.Window!.Range.Size.ShouldBe(0x10000000UL);
        m.FindMaster("/vdevice/vty@71000003").ShouldBeNull();
        m.FindMaster("/vdevice/nvram@71000000").ShouldBeNull();
        m.Masters.Select(x => x.Path).ShouldBe([
            "/pci@800000020000000", "/pci@800000020000001", "/vdevice/v-scsi@71000001", "/vdevice/l-lan@71000002",
        ]);
    }

    [Fact]
    public void Pseries_tce_tables_are_instances_with_ddw_parameters()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-pseries-pci.dts"));
        m.Instances.Select(i => (i.Path, i.Liobn)).ShouldBe([
            ("/pci@800000020000000", (uint?)0x80000000u), ("/pci@800000020000001", 0x80000100u),
            ("/vdevice/v-scsi@71000001", 0x71000001u), ("/vdevice/l-lan@71000002", 0x71000002u),
        ]);
        var t = m.Instance("/pci@800000020000000");
        t.Binding!.Name.ShouldBe("pseries-tce");
        t.SimulatorKind.ShouldBe("tce");
        t.Parameter("ddw")!.Boolean.ShouldBeTrue();
        t.Parameter("ddw-applicable")!.Items.Select(i => i.Integer).ShouldBe([0x2026UL, 0x2027UL, 0x2028UL]);
        t.Parameter("page-sizes")!.Items.Select(i => i.Integer).ShouldBe([4096UL]);
        t.Masters.ShouldBe(["/pci@800000020000000"]);
        m.Memory.ShouldBe([new AddressRange(0, 0x7fffffff)]);
        m.Of(ObservationKind.DuplicateLiobn).ShouldBeEmpty();
        m.Of(ObservationKind.DmaWindowFormat).ShouldBeEmpty();
    }

    [Fact]
    public void Pseries_variant_window_without_ddw()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-pseries-phb-variants.dts"));
        var phb1 = m.Master("/pci@800000020000001");
        phb1.Liobn.ShouldBe(0x80000100u);
        phb1.Window!.Range.ShouldBe(new AddressRange(0x10000000, 0x2fffffff));
        m.Instance("/pci@800000020000001").Parameter("ddw")!.Boolean.ShouldBeFalse();
        var phb2 = m.Master("/pci@800000020000002");
        phb2.Liobn.ShouldBe(0x80000200u);
        phb2.Window!.Range.ShouldBe(new AddressRange(0, 0x3fffffff));
        m.Instance("/pci@800000020000002").Parameter("ddw")!.Boolean.ShouldBeTrue();
    }

    [Fact]
    public void Virt_smmuv3_maps_every_rid_to_the_same_stream_id()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-virt-smmuv3.dts"));
        var smmu = m.Instance("/smmuv3@9050000");
        smmu.Binding!.Name.ShouldBe("arm-smmu-v3");
        smmu.Phandle.ShouldBe(0x8004u);
        smmu.IommuCells.ShouldBe(1);
        smmu.Coherent.ShouldBeTrue();
        smmu.Aperture.ShouldBe(new AddressRange(0, 0xffffffffffff));
        smmu.Parameter("id-bits")!.Integer.ShouldBe(32UL);
        smmu.Masters.ShouldBe(["/pcie@10000000"]);
        var pcie = m.Master("/pcie@10000000");
        pcie.Kind.ShouldBe(MasterKind.PciHostBridge);
        pcie.State.ShouldBe(IommuState.Translated);
        pcie.Coherent.ShouldBe(true);
        pcie.RidRanges.ShouldBe([new RidRange(0x0000, 0xffff, RidOutcome.Translated, "/smmuv3@9050000", 0x0000, 0xffff, 0)]);
        pcie.Window!.Range.ShouldBe(new AddressRange(0, 0xffffffffffff));
        pcie.Translation.Outcome.ShouldBe(TranslationOutcome.NoConstraint);
        pcie.ReachableRam.ShouldBe([new AddressRange(0x40000000, 0xbfffffff)]);
        m.Of(ObservationKind.IommuParentWithoutDmaRanges).ShouldHaveSingleItem().NodePath.ShouldBe("/smmuv3@9050000");
        m.Of(ObservationKind.PciRidNotCovered).ShouldBeEmpty();
    }

    [Fact]
    public void Virt_virtio_mmio_nodes_are_unprotected_masters()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-virt-smmuv3.dts"));
        var v = m.Master("/virtio_mmio@a000000");
        v.Kind.ShouldBe(MasterKind.Platform);
        v.State.ShouldBe(IommuState.NoIommu);
        v.Coherent.ShouldBe(true);
        v.Window.ShouldBeNull();
        v.ReachableRam.ShouldBe([new AddressRange(0x40000000, 0xbfffffff)]);
        m.Masters.Count(x => x.Path.StartsWith("/virtio_mmio@")).ShouldBe(4);
        m.Of(ObservationKind.UnprotectedDmaMaster).Count().ShouldBe(4);
        m.FindInstance("/virtio_mmio@a000000").ShouldBeNull();
    }

    [Fact]
    public void Virtio_iommu_own_rid_falls_in_the_hole()
    {
        var m = IommuTestSupport.Model(Fixture("qemu-virt-virtio-iommu.dts"));
        var viommu = m.Instance("/pcie@10000000/virtio_iommu@1,0");
        viommu.Binding!.Name.ShouldBe("virtio-iommu");
        var pcie = m.Master("/pcie@10000000");
        pcie.State.ShouldBe(IommuState.Partial);
        pcie.RidRanges.ShouldBe([
            new RidRange(0x0000, 0x0007, RidOutcome.Translated, "/pcie@10000000/virtio_iommu@1,0", 0x0, 0x7, 0),
            new RidRange(0x0008, 0x0008, RidOutcome.Bypass, null, 0x8, 0x8, -1),
            new RidRange(0x0009, 0xffff, RidOutcome.Translated, "/pcie@10000000/virtio_iommu@1,0", 0x9, 0xffff, 1),
        ]);
        var self = m.Master("/pcie@10000000/virtio_iommu@1,0");
        self.Rid.ShouldBe(0x8u);
        self.State.ShouldBe(IommuState.Bypass);
        m.Of(ObservationKind.PciRidNotCovered).ShouldBeEmpty();
    }

    [Fact]
    public void Decompiled_blob_gives_the_same_model()
    {
        foreach (var name in new[] { "qemu-virt-smmuv3.dts", "qemu-pseries-pci.dts", "intel-vtd.dts" })
        {
            var fromDts = IommuTestSupport.Model(Fixture(name));
            var fromDtb = IommuModelBuilder.Build(IommuTestSupport.CompileViaDtb(Fixture(name)), IommuTestSupport.Shipped);
            var a = new StringWriter();
            var b = new StringWriter();
            DtIommu.Iommu.Output.ModelJsonWriter.Write(fromDts, a);
            DtIommu.Iommu.Output.ModelJsonWriter.Write(fromDtb, b);
            b.ToString().ShouldBe(a.ToString(), name);
        }
    }
}
