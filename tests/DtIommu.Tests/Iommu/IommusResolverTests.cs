using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;

namespace DtIommu.Tests.Iommu;

/// <summary>iommus parsing and Linux's driver rules (drivers/iommu/of_iommu.c, iommu_fwspec_init and each driver's of_xlate), plus the VT-d binding of bindings/intel-vtd.iommu.</summary>
public class IommusResolverTests
{
    private static string Soc(string body) => $$"""
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000>; };
          soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
            {{body}}
          };
        };
        """;

    [Fact]
    public void Binding_examples_of_iommu_txt()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              single: iommu-single { #iommu-cells = <0>; };
              multi: iommu-multi { #iommu-cells = <1>; };
              win: iommu-win { #iommu-cells = <4>; };
              master-a { iommus = <&single>; };
              master@1 { reg = <1 1>; iommus = <&multi 42>; };
              master@2 { reg = <2 1>; iommus = <&multi 23>, <&multi 24>; };
              master-w { iommus = <&win 42 0 0x1 0x0>; };
            };
            """);
        m.Instance("/iommu-single").Binding!.Name.ShouldBe("generic-fixed");
        m.Instance("/iommu-multi").Binding!.Name.ShouldBe("generic-master-id");
        m.Instance("/iommu-win").Binding!.Name.ShouldBe("generic-windowed");
        m.Master("/master-a").Attachments.ShouldHaveSingleItem().Fields.ShouldBeEmpty();
        m.Master("/master@1").Attachments.ShouldHaveSingleItem().PrimaryId.ShouldBe(42UL);
        m.Master("/master@2").Attachments.Select(a => a.PrimaryId).ShouldBe([23UL, 24UL]);
        var w = m.Master("/master-w");
        w.Attachments.ShouldHaveSingleItem().Fields.Select(f => (f.Name, f.Value)).ShouldBe([
            ("master-id", 42UL), ("window-base", 0UL), ("window-size", 0x1_0000_0000UL)]);
        w.Window!.Range.ShouldBe(new AddressRange(0, 0xffffffff));
        w.Window.Source.ShouldBe(WindowSource.Specifier);
        m.Instance("/iommu-multi").Masters.ShouldBe(["/master@1", "/master@2"]);
    }

    [Fact]
    public void Smmu_one_cell_takes_the_mask_from_stream_match_mask()
    {
        var m = IommuTestSupport.Model(Soc("""
            smmu: iommu@1000 { compatible = "arm,mmu-500", "arm,smmu-v2"; reg = <0x1000 0x1000>; #iommu-cells = <1>; stream-match-mask = <0x7c00>; };
            smmu2: iommu@3000 { compatible = "qcom,sdm845-smmu-500", "arm,mmu-500"; reg = <0x3000 0x1000>; #iommu-cells = <2>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&smmu 0x21>; };
            dev@4000 { reg = <0x4000 0x100>; iommus = <&smmu2 1 0x30>; };
            """));
        m.Master("/soc/dev@2000").Attachments.ShouldHaveSingleItem().Fields.Select(f => (f.Name, f.Role, f.Value))
            .ShouldBe([("stream-id", FieldRole.Id, 0x21UL), ("smr-mask", FieldRole.Mask, 0x7c00UL)]);
        m.Master("/soc/dev@4000").Attachments.ShouldHaveSingleItem().Fields.Select(f => f.Value).ShouldBe([1UL, 0x30UL]);
        var smmu = m.Instance("/soc/iommu@1000");
        smmu.Binding!.Name.ShouldBe("arm-smmu");
        smmu.SimulatorKind.ShouldBe("smmu-v2");
        smmu.Parameter("smrs")!.Integer.ShouldBe(128UL);
        smmu.Parameter("sw-msi")!.ShouldSatisfyAllConditions(p => p.Integer.ShouldBe(0x08000000UL), p => p.End.ShouldBe(0x080fffffUL));
    }

    [Fact]
    public void Mediatek_port_id_is_split_into_larb_and_port()
    {
        var m = IommuTestSupport.Model(Soc("""
            m4u: iommu@10205000 { compatible = "mediatek,mt8173-m4u"; reg = <0x10205000 0x1000>; #iommu-cells = <1>; };
            vdec@16000000 { reg = <0x16000000 0x1000>; iommus = <&m4u 0x43>; };
            """));
        var f = m.Master("/soc/vdec@16000000").Attachments.ShouldHaveSingleItem().Fields.ShouldHaveSingleItem();
        f.Value.ShouldBe(0x43UL);
        f.SubFields.ShouldBe([new KeyValuePair<string, ulong>("larb", 2), new KeyValuePair<string, ulong>("port", 3)]);
    }

    [Fact]
    public void Gart_aperture_is_reg_1_of_the_memory_controller()
    {
        var m = IommuTestSupport.Model(Soc("""
            mc: memory-controller@7000f000 { compatible = "nvidia,tegra20-mc-gart"; reg = <0x7000f000 0x400>, <0x58000000 0x02000000>; #iommu-cells = <0>; };
            gr2d@54140000 { reg = <0x54140000 0x40000>; iommus = <&mc>; };
            gr3d@54180000 { reg = <0x54180000 0x40000>; iommus = <&mc>; };
            """));
        var gart = m.Instance("/soc/memory-controller@7000f000");
        gart.Aperture.ShouldBe(new AddressRange(0x58000000, 0x59ffffff));
        gart.Masters.Count.ShouldBe(2);
        m.Master("/soc/gr2d@54140000").Window!.Range.ShouldBe(new AddressRange(0x58000000, 0x59ffffff));
        m.Of(ObservationKind.SingleMasterShared).ShouldBeEmpty();
    }

    [Fact]
    public void Single_master_iommu_shared_by_two_masters_is_observed()
    {
        var m = IommuTestSupport.Model(Soc("""
            mmu: iommu@1000 { compatible = "rockchip,iommu"; reg = <0x1000 0x100>; #iommu-cells = <0>; };
            vop@2000 { reg = <0x2000 0x100>; iommus = <&mmu>; };
            isp@3000 { reg = <0x3000 0x100>; iommus = <&mmu>; };
            """));
        m.Of(ObservationKind.SingleMasterShared).ShouldHaveSingleItem().Message.ShouldContain("2 masters");
        m.Master("/soc/vop@2000").Window!.Range.ShouldBe(new AddressRange(0, 0xffffffff));
    }

    [Fact]
    public void Rockchip_keeps_only_the_last_entry()
    {
        var m = IommuTestSupport.Model(Soc("""
            mmu0: iommu@1000 { compatible = "rockchip,iommu"; reg = <0x1000 0x100>; #iommu-cells = <0>; };
            mmu1: iommu@1100 { compatible = "rockchip,iommu"; reg = <0x1100 0x100>; #iommu-cells = <0>; };
            vop@2000 { reg = <0x2000 0x100>; iommus = <&mmu0>, <&mmu1>; };
            """));
        var a = m.Master("/soc/vop@2000").Attachments;
        a.Select(x => x.State).ShouldBe([AttachmentState.Superseded, AttachmentState.Active]);
        m.Of(ObservationKind.LastEntryWins).ShouldHaveSingleItem();
        m.Of(ObservationKind.MultipleInstances).ShouldBeEmpty();
        m.Instance("/soc/iommu@1100").Masters.ShouldBe(["/soc/vop@2000"]);
        m.Instance("/soc/iommu@1000").Masters.ShouldBeEmpty();
    }

    [Fact]
    public void Second_smmu_instance_ids_go_to_the_first()
    {
        var m = IommuTestSupport.Model(Soc("""
            a: iommu@1000 { compatible = "arm,mmu-500"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            b: iommu@1100 { compatible = "arm,mmu-500"; reg = <0x1100 0x100>; #iommu-cells = <1>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&a 1>, <&b 2>; };
            """));
        var d = m.Master("/soc/dev@2000");
        d.State.ShouldBe(IommuState.Translated);
        d.Attachments.Select(x => x.State).ShouldBe([AttachmentState.Active, AttachmentState.AttributedToFirstInstance]);
        m.Instance("/soc/iommu@1000").Masters.ShouldBe(["/soc/dev@2000"]);
        m.Instance("/soc/iommu@1100").Masters.ShouldBeEmpty();
        m.Of(ObservationKind.MultipleInstances).ShouldHaveSingleItem();
    }

    [Fact]
    public void Exynos_tracks_several_instances()
    {
        var m = IommuTestSupport.Model(Soc("""
            s0: sysmmu@1000 { compatible = "samsung,exynos-sysmmu"; reg = <0x1000 0x100>; #iommu-cells = <0>; };
            s1: sysmmu@1100 { compatible = "samsung,exynos-sysmmu"; reg = <0x1100 0x100>; #iommu-cells = <0>; };
            mfc@2000 { reg = <0x2000 0x100>; iommus = <&s0>, <&s1>; };
            """));
        m.Master("/soc/mfc@2000").Attachments.Select(x => x.State).ShouldBe([AttachmentState.Active, AttachmentState.Active]);
        m.Of(ObservationKind.MultipleInstances).ShouldBeEmpty();
    }

    [Fact]
    public void Disabled_iommu_leaves_the_master_without_iommu_and_the_parent_ranges_apply()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              memory@0 { device_type = "memory"; reg = <0x0 0x80000000>; };
              smmu: iommu@1000 { compatible = "arm,smmu-v3"; reg = <0x1000 0x1000>; #iommu-cells = <1>; status = "disabled"; };
              bus { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
                dma-ranges = <0x0 0x40000000 0x20000000>;
                dev@2000 { reg = <0x2000 0x100>; iommus = <&smmu 7>; };
              };
            };
            """);
        var d = m.Master("/bus/dev@2000");
        d.State.ShouldBe(IommuState.IommuDisabled);
        d.Attachments.ShouldHaveSingleItem().State.ShouldBe(AttachmentState.TargetDisabled);
        d.Window.ShouldBeNull();
        d.ReachableRam.ShouldBe([new AddressRange(0x40000000, 0x5fffffff)]);
        m.Instance("/iommu@1000").Masters.ShouldBeEmpty();
        m.Of(ObservationKind.IommuDisabled).ShouldHaveSingleItem();
    }

    [Fact]
    public void Unknown_compatible_is_reported_not_guessed()
    {
        var m = IommuTestSupport.Model(Soc("""
            mmu: iommu@1000 { compatible = "acme,super-iommu"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&mmu 3>; };
            """));
        var inst = m.Instance("/soc/iommu@1000");
        inst.Binding.ShouldBeNull();
        inst.SimulatorKind.ShouldBeNull();
        m.Of(ObservationKind.UnknownIommuCompatible).ShouldHaveSingleItem().Message.ShouldContain("\"acme,super-iommu\"");
        var d = m.Master("/soc/dev@2000");
        d.State.ShouldBe(IommuState.NoDriver);
        d.Attachments.ShouldHaveSingleItem().Cells.ShouldBe([3u]);
    }

    [Fact]
    public void Mixed_drivers_drop_the_iommu()
    {
        var m = IommuTestSupport.Model(Soc("""
            a: iommu@1000 { compatible = "arm,smmu-v3"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            b: iommu@1100 { compatible = "renesas,ipmmu-vmsa"; reg = <0x1100 0x100>; #iommu-cells = <1>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&a 1>, <&b 2>; };
            """));
        var d = m.Master("/soc/dev@2000");
        d.State.ShouldBe(IommuState.DriverConflict);
        d.Attachments.Select(x => x.State).ShouldBe([AttachmentState.Active, AttachmentState.DriverConflict]);
        m.Of(ObservationKind.MixedIommuDrivers).ShouldHaveSingleItem();
    }

    [Fact]
    public void Parse_errors_follow_linux()
    {
        var m = IommuTestSupport.Model(Soc("""
            smmu: iommu@1000 { compatible = "arm,smmu-v3"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            noc: noc@3000 { reg = <0x3000 0x100>; };
            d1@2000 { reg = <0x2000 0x10>; iommus = <&smmu 1>, <&noc 2>; };
            d2@2100 { reg = <0x2100 0x10>; iommus = <&smmu>; };
            d3@2200 { reg = <0x2200 0x10>; iommus = <0>, <&smmu 5>; };
            d4@2300 { reg = <0x2300 0x10>; iommus = <&smmu 4>, <0>, <&smmu 5>; };
            d5@2400 { reg = <0x2400 0x10>; iommus = <0x77 1>; };
            """));
        var d1 = m.Master("/soc/d1@2000");
        d1.State.ShouldBe(IommuState.Translated);
        d1.Attachments.ShouldHaveSingleItem().PrimaryId.ShouldBe(1UL);
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.NotAnIommu && o.NodePath == "/soc/d1@2000");
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.MissingIommuCells && o.NodePath == "/soc/d1@2000");
        m.Master("/soc/d2@2100").State.ShouldBe(IommuState.ParseError);
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.SpecifierTruncated && o.NodePath == "/soc/d2@2100");
        m.Master("/soc/d3@2200").State.ShouldBe(IommuState.ParseError);
        var d4 = m.Master("/soc/d4@2300");
        d4.Attachments.ShouldHaveSingleItem().PrimaryId.ShouldBe(4UL);
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.ZeroPhandle && o.NodePath == "/soc/d4@2300");
        m.Master("/soc/d5@2400").State.ShouldBe(IommuState.ParseError);
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.PhandleNotFound && o.NodePath == "/soc/d5@2400");
    }

    [Fact]
    public void Wrong_cell_count_for_the_binding_is_observed()
    {
        var m = IommuTestSupport.Model(Soc("""
            mmu: iommu@1000 { compatible = "rockchip,iommu"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&mmu 3>; };
            """));
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.IommuCellsNotAllowed && o.NodePath == "/soc/iommu@1000");
        m.Observations.ShouldContain(o => o.Kind == ObservationKind.IommuCellsNotAllowed && o.NodePath == "/soc/dev@2000");
    }

    [Fact]
    public void Id_wider_than_the_binding_allows_is_observed()
    {
        var m = IommuTestSupport.Model(Soc("""
            dart: iommu@1000 { compatible = "apple,t8103-dart"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
            dev@2000 { reg = <0x2000 0x100>; iommus = <&dart 16>; };
            """));
        m.Of(ObservationKind.IdTooWide).ShouldHaveSingleItem().Message.ShouldContain("wider than 4 bits");
    }

    [Fact]
    public void Window_is_the_aperture_clipped_by_the_dma_ranges_envelope()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              memory@80000000 { device_type = "memory"; reg = <0x0 0x80000000 0x1 0x0>; };
              bus { compatible = "simple-bus"; #address-cells = <2>; #size-cells = <2>; ranges;
                dma-ranges = <0x0 0x0 0x0 0x80000000 0x0 0x40000000>;
                ipmmu: iommu@1000 { compatible = "renesas,ipmmu-r8a7795"; reg = <0 0x1000 0 0x100>; #iommu-cells = <1>; };
                dev@2000 { reg = <0 0x2000 0 0x100>; iommus = <&ipmmu 9>; };
                far@3000 { reg = <0 0x3000 0 0x100>; iommus = <&ipmmu 10>; dma-coherent; };
              };
              bus2 { compatible = "simple-bus"; #address-cells = <2>; #size-cells = <2>; ranges;
                dma-ranges = <0x1 0x0 0x0 0x80000000 0x0 0x40000000>;
                far@3000 { reg = <0 0x3000 0 0x100>; iommus = <&ipmmu 10>; };
              };
            };
            """);
        var d = m.Master("/bus/dev@2000");
        d.Window!.Range.ShouldBe(new AddressRange(0, 0x3fffffff));
        d.Coherent.ShouldBeNull();
        d.ReachableRam.ShouldBe([new AddressRange(0x80000000, 0xbfffffff)]);   // through the IPMMU's own parent path
        m.Master("/bus/far@3000").Coherent.ShouldBe(true);
        m.Master("/bus2/far@3000").Window.ShouldBeNull();
        m.Of(ObservationKind.WindowOutsideAperture).ShouldHaveSingleItem().NodePath.ShouldBe("/bus2/far@3000");
        // One observation per dma-ranges property, naming the masters it bounds.
        m.Of(ObservationKind.DmaRangesWithIommu).Select(o => o.NodePath).ShouldBe(["/bus", "/bus2"]);
        m.Of(ObservationKind.DmaRangesWithIommu).First().Message.ShouldContain("2 IOMMU master(s) (/bus/dev@2000, /bus/far@3000)");
    }

    [Fact]
    public void Vtd_proposal_maps_endpoints_bridges_and_catch_all()
    {
        var m = IommuTestSupport.Model(QemuTreeTests.Fixture("intel-vtd.dts"));
        var dmar0 = m.Instance("/iommu@fed90000");
        dmar0.Binding!.Name.ShouldBe("intel-vtd");
        dmar0.SimulatorKind.ShouldBe("vtd");
        dmar0.Aperture.ShouldBe(new AddressRange(0, 0xffffffffffff));
        dmar0.Parameter("caching-mode")!.Boolean.ShouldBeTrue();
        dmar0.Parameter("include-pci-all")!.Boolean.ShouldBeTrue();
        dmar0.Parameter("domains")!.Integer.ShouldBe(256UL);
        dmar0.Parameter("super-pages")!.Integer.ShouldBe(3UL);
        var gfx = m.Instance("/iommu@fed91000");
        gfx.Aperture.ShouldBe(new AddressRange(0, 0x7fffffffff));
        gfx.Parameter("caching-mode")!.Boolean.ShouldBeFalse();
        var pcie = m.Master("/pcie@e0000000");
        pcie.RidRanges.ShouldBe([
            new RidRange(0x0000, 0x000f, RidOutcome.Translated, "/iommu@fed90000", 0x0000, 0x000f, 2),
            new RidRange(0x0010, 0x0010, RidOutcome.Translated, "/iommu@fed91000", 0x0010, 0x0010, 0),
            new RidRange(0x0011, 0x00ff, RidOutcome.Translated, "/iommu@fed90000", 0x0011, 0x00ff, 2),
            new RidRange(0x0100, 0x03ff, RidOutcome.Translated, "/iommu@fed90000", 0x0100, 0x03ff, 1),
            new RidRange(0x0400, 0x3fff, RidOutcome.Translated, "/iommu@fed90000", 0x0400, 0x3fff, 2),
        ]);
        var xhci = m.Master("/pcie@e0000000/usb@14,0");
        xhci.Rid.ShouldBe(0xa0u);
        xhci.Attachments.ShouldHaveSingleItem().Fields.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.Name.ShouldBe("source-id"), f => f.Value.ShouldBe(0xa0UL));
        xhci.MemoryRegions.ShouldBe(["/reserved-memory/rmrr@7b800000"]);
        xhci.IovaReservations.ShouldBe([new IovaReservation("/reserved-memory/rmrr@7b800000", new AddressRange(0x7b800000, 0x7b81ffff), true)]);
        var rmrr = m.Reserved.ShouldHaveSingleItem();
        rmrr.NoMap.ShouldBeTrue();
        rmrr.Ranges.ShouldBe([new AddressRange(0x7b800000, 0x7b81ffff)]);
        rmrr.Users.ShouldBe(["/pcie@e0000000/usb@14,0"]);
        rmrr.IommuAddresses.ShouldBe([new IommuAddressEntry("/pcie@e0000000/usb@14,0", new AddressRange(0x7b800000, 0x7b81ffff))]);
        m.Of(ObservationKind.IommuAddresses).ShouldBeEmpty();
    }

    [Fact]
    public void Iommu_addresses_reservation_and_non_direct_mapping()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
                adsp_resv: reservation-adsp { iommu-addresses = <&adsp 0x0 0x00000000 0x00 0x40000000>, <&adsp 0x0 0x60000000 0xff 0xa0000000>; };
                fb: framebuffer@90000000 { reg = <0x0 0x90000000 0x0 0x00800000>; iommu-addresses = <&dc0 0x0 0xa0000000 0x0 0x00800000>; };
              };
              smmu: iommu@1000 { compatible = "arm,smmu-v3"; reg = <0 0x1000 0 0x1000>; #iommu-cells = <1>; };
              adsp: adsp@2000 { reg = <0 0x2000 0 0x100>; iommus = <&smmu 1>; memory-region = <&adsp_resv>; };
              dc0: dc@3000 { reg = <0 0x3000 0 0x100>; iommus = <&smmu 2>; memory-region = <&fb>; };
            };
            """);
        m.Master("/adsp@2000").IovaReservations.ShouldBe([
            new IovaReservation("/reserved-memory/reservation-adsp", new AddressRange(0, 0x3fffffff), false),
            new IovaReservation("/reserved-memory/reservation-adsp", new AddressRange(0x60000000, 0xffffffffff), false),
        ]);
        m.Master("/dc@3000").IovaReservations.ShouldBe([
            new IovaReservation("/reserved-memory/framebuffer@90000000", new AddressRange(0xa0000000, 0xa07fffff), false)]);
        m.Of(ObservationKind.IommuAddresses).ShouldHaveSingleItem().Message.ShouldContain("treating non-direct mapping");
    }

    [Fact]
    public void Malformed_trees_never_throw()
    {
        var tree = TreeBuilder.Tree(r => r
            .Cells("#address-cells", 7).Cells("#size-cells", 0)
            .Child("iommu", n => n.Phandle(1).Cells("#iommu-cells", 99).Strings("compatible", "arm,smmu-v3"))
            .Child("dev", n => n.Cells("iommus", 1, 2, 3).Cells("dma-ranges", 1, 2).Cells("memory-region", 5))
            .Child("pci", n => n.Strings("device_type", "pci").Cells("iommu-map", 0, 1, 0).Cells("iommu-map-mask", 0)
                .Cells("bus-range", 9, 2).Child("x", c => c.Cells("reg")))
            .Child("vio", n => n.Cells("ibm,my-dma-window", 1).Cells("ibm,#dma-address-cells", 0xffffffff))
            .Child("reserved-memory", n => n.Child("r", c => c.Cells("iommu-addresses", 1, 0, 0).Cells("size", 1, 2, 3)))
            .Child("loop", n => n.Phandle(2).Cells("interconnects", 2, 0).Strings("interconnect-names", "dma-mem").Cells("#interconnect-cells", 1).Flag("dma-coherent")));
        var m = IommuModelBuilder.Build(tree, IommuTestSupport.Shipped);
        m.Masters.ShouldNotBeEmpty();
        var text = new StringWriter();
        DtIommu.Iommu.Output.ModelTableWriter.Write(m, text);
        DtIommu.Iommu.Output.ModelJsonWriter.Write(m, new StringWriter());
        text.ToString().ShouldContain("/dev");
    }
}

/// <summary>Families reached without iommus: Freescale PAMU (LIODN), Xen grant DMA, obsolete Tegra30 dma-window.</summary>
public class OtherFamilyTests
{
    [Fact]
    public void Pamu_masters_are_found_by_liodn()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              soc@ffe000000 { #address-cells = <1>; #size-cells = <1>; ranges = <0x0 0xf 0xfe000000 0x1000000>;
                guts: global-utilities@e0000 { reg = <0xe0000 0xe00>; };
                iommu@20000 { compatible = "fsl,pamu-v1.0", "fsl,pamu"; reg = <0x20000 0x5000>; ranges = <0 0x20000 0x5000>;
                  #address-cells = <1>; #size-cells = <1>;
                  pamu0: pamu@0 { reg = <0 0x1000>; };
                };
                dma@100300 { reg = <0x100300 0x4>; fsl,iommu-parent = <&pamu0>; fsl,liodn-reg = <&guts 0x580>; fsl,liodn = <0x93>; };
                sdhc@114000 { reg = <0x114000 0x1000>; fsl,iommu-parent = <&pamu0>; fsl,liodn-reg = <&guts 0x530>; };
              };
            };
            """);
        var pamu = m.Instance("/soc@ffe000000/iommu@20000");
        pamu.Binding!.Name.ShouldBe("fsl-pamu");
        pamu.Aperture.ShouldBe(new AddressRange(0, 0xfffffffff));
        var dma = m.Master("/soc@ffe000000/dma@100300");
        dma.Kind.ShouldBe(MasterKind.LiodnDevice);
        dma.State.ShouldBe(IommuState.Translated);
        dma.Attachments.ShouldHaveSingleItem().PrimaryId.ShouldBe(0x93UL);
        dma.Window!.Range.ShouldBe(new AddressRange(0, 0xfffffffff));
        m.Master("/soc@ffe000000/sdhc@114000").Attachments.ShouldHaveSingleItem().Cells.ShouldBeEmpty();
        pamu.Masters.ShouldBe(["/soc@ffe000000/dma@100300", "/soc@ffe000000/sdhc@114000"]);
    }

    [Fact]
    public void Xen_grant_dma_carries_the_backend_domid()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
              xen_grant_dma: xen-grant-dma { compatible = "xen,grant-dma"; #iommu-cells = <1>; };
              virtio@3000 { compatible = "virtio,mmio"; reg = <0x0 0x3000 0x0 0x100>; iommus = <&xen_grant_dma 0x1>; };
            };
            """);
        var v = m.Master("/virtio@3000");
        var f = v.Attachments.ShouldHaveSingleItem().Fields.ShouldHaveSingleItem();
        f.Name.ShouldBe("backend-domid");
        f.Role.ShouldBe(FieldRole.Domain);
        f.Value.ShouldBe(1UL);
        v.Window!.Range.ShouldBe(new AddressRange(0x8000000000000000, 0xffffffffffffffff));
    }

    [Fact]
    public void Obsolete_tegra30_smmu_aperture_comes_from_dma_window()
    {
        var m = IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              smmu: iommu@7000f010 { compatible = "nvidia,tegra30-smmu"; reg = <0x7000f010 0x02c>; #iommu-cells = <1>;
                dma-window = <0x10000000 0x40000000>; nvidia,#asids = <4>; };
              host1x@50000000 { reg = <0x50000000 0x24000>; iommus = <&smmu 0x11>; };
            };
            """);
        var smmu = m.Instance("/iommu@7000f010");
        smmu.Aperture.ShouldBe(new AddressRange(0x10000000, 0x4fffffff));
        smmu.Parameter("domains")!.Integer.ShouldBe(4UL);
        m.Master("/host1x@50000000").Attachments.ShouldHaveSingleItem().Fields.ShouldHaveSingleItem().Name.ShouldBe("swgroup");
    }
}
