using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Model;

namespace DtIommu.Tests.Iommu;

/// <summary>of_map_id over iommu-map, with the examples of pci-iommu.txt as exact vectors.</summary>
public class IommuMapTests
{
    private static string Tree(string map, string mask = "") => $$"""
        /dts-v1/;
        / { #address-cells = <2>; #size-cells = <2>;
          iommu_a: iommu@1000 { compatible = "arm,smmu-v3"; reg = <0 0x1000 0 0x1000>; #iommu-cells = <1>; };
          iommu_b: iommu@2000 { compatible = "arm,smmu-v3"; reg = <0 0x2000 0 0x1000>; #iommu-cells = <1>; };
          iommu_c: iommu@3000 { compatible = "arm,smmu-v3"; reg = <0 0x3000 0 0x1000>; #iommu-cells = <1>; };
          pci: pci@40000000 { compatible = "pci-host-ecam-generic"; device_type = "pci";
            #address-cells = <3>; #size-cells = <2>; reg = <0 0x40000000 0 0x10000000>;
            iommu-map = {{map}}; {{mask}}
          };
        };
        """;

    private static (IommuMapResolver map, Node pci, TreeIndex index) Setup(string dts)
    {
        var index = new TreeIndex(IommuTestSupport.Compile(dts));
        return (new IommuMapResolver(index), NodeLookup.ByPath(index.Root, "/pci@40000000")!, index);
    }

    [Fact]
    public void Example1_identity_map()
    {
        var (map, pci, _) = Setup(Tree("<0x0 &iommu_a 0x0 0x10000>"));
        var r = map.MapId(pci, 0x0105);
        r.Status.ShouldBe(MapIdStatus.Matched);
        r.Target!.FullPath.ShouldBe("/iommu@1000");
        r.Id.ShouldBe(0x0105u);
    }

    [Fact]
    public void Example2_mask_drops_function_bits()
    {
        var (map, pci, _) = Setup(Tree("<0x0 &iommu_a 0x0 0x10000>", "iommu-map-mask = <0xfff8>;"));
        map.MapId(pci, 0x0105).Id.ShouldBe(0x0100u);
        map.MapId(pci, 0x0107).Id.ShouldBe(0x0100u);
        map.MapId(pci, 0x0108).Id.ShouldBe(0x0108u);
    }

    [Fact]
    public void Example3_bus_msb_flipped()
    {
        var (map, pci, _) = Setup(Tree("<0x0000 &iommu_a 0x8000 0x8000>, <0x8000 &iommu_a 0x0000 0x8000>"));
        map.MapId(pci, 0x0100).Id.ShouldBe(0x8100u);
        map.MapId(pci, 0x8100).Id.ShouldBe(0x0100u);
    }

    [Fact]
    public void Example4_two_iommus_split_by_bus()
    {
        var (map, pci, _) = Setup(Tree("<0x0000 &iommu_a 0x0000 0x8000>, <0x8000 &iommu_b 0x0000 0x8000>"));
        var lo = map.MapId(pci, 0x7fff);
        lo.Target!.FullPath.ShouldBe("/iommu@1000");
        lo.Id.ShouldBe(0x7fffu);
        var hi = map.MapId(pci, 0x8105);
        hi.Target!.FullPath.ShouldBe("/iommu@2000");
        hi.Id.ShouldBe(0x0105u);
    }

    [Fact]
    public void Example4_model_leaves_iommu_c_without_masters()
    {
        var m = IommuTestSupport.Model(Tree("<0x0000 &iommu_a 0x0000 0x8000>, <0x8000 &iommu_b 0x0000 0x8000>"));
        var bridge = m.Master("/pci@40000000");
        bridge.State.ShouldBe(IommuState.Translated);
        bridge.RidRanges.Count.ShouldBe(2);
        bridge.RidRanges[0].ShouldBe(new RidRange(0x0000, 0x7fff, RidOutcome.Translated, "/iommu@1000", 0x0000, 0x7fff, 0));
        bridge.RidRanges[1].ShouldBe(new RidRange(0x8000, 0xffff, RidOutcome.Translated, "/iommu@2000", 0x0000, 0x7fff, 1));
        m.Instance("/iommu@1000").Masters.ShouldBe(["/pci@40000000"]);
        m.Instance("/iommu@2000").Masters.ShouldBe(["/pci@40000000"]);
        m.Instance("/iommu@3000").Masters.ShouldBeEmpty();
    }

    [Fact]
    public void Uncovered_rid_bypasses_and_keeps_its_id()
    {
        var (map, pci, _) = Setup(Tree("<0x0 &iommu_a 0x0 0x8  0x9 &iommu_a 0x9 0xfff7>"));
        var r = map.MapId(pci, 0x8);
        r.Status.ShouldBe(MapIdStatus.NoMatch);
        r.Target.ShouldBeNull();
        r.Id.ShouldBe(0x8u);
        map.MapId(pci, 0x9).Id.ShouldBe(0x9u);
    }

    [Fact]
    public void No_map_means_no_iommu()
    {
        var dts = Tree("<0x0 &iommu_a 0x0 0x10000>").Replace("iommu-map = <0x0 &iommu_a 0x0 0x10000>;", "");
        var (map, pci, _) = Setup(dts);
        map.MapId(pci, 0x100).Status.ShouldBe(MapIdStatus.NoMap);
        var m = IommuTestSupport.Model(dts).Master("/pci@40000000");
        m.State.ShouldBe(IommuState.NoIommu);
        m.RidRanges.ShouldBe([new RidRange(0, 0xffff, RidOutcome.NoMap, null, 0, 0xffff, -1)]);
    }

    [Fact]
    public void Mask_conflict_is_checked_only_up_to_the_match()
    {
        var (map, pci, _) = Setup(Tree("<0x0 &iommu_a 0x0 0x100>, <0x10001 &iommu_b 0x0 0x100>", "iommu-map-mask = <0xffff>;"));
        map.MapId(pci, 0x10).Status.ShouldBe(MapIdStatus.Matched);
        var bad = map.MapId(pci, 0x200);
        bad.Status.ShouldBe(MapIdStatus.MaskIgnoresBase);
        bad.EntryIndex.ShouldBe(1);
        var model = IommuTestSupport.Model(Tree("<0x0 &iommu_a 0x0 0x100>, <0x10001 &iommu_b 0x0 0x100>", "iommu-map-mask = <0xffff>;"));
        model.Of(ObservationKind.IommuMapMaskIgnoresBase).Count().ShouldBe(1);
        model.Master("/pci@40000000").State.ShouldBe(IommuState.ParseError);
    }

    [Fact]
    public void Bad_length_fails_every_rid()
    {
        var dts = Tree("<0x0 &iommu_a 0x0 0x10000 0x5>");
        var (map, pci, _) = Setup(dts);
        map.MapId(pci, 0).Status.ShouldBe(MapIdStatus.BadLength);
        var m = IommuTestSupport.Model(dts);
        m.Of(ObservationKind.IommuMapBadLength).ShouldHaveSingleItem();
        m.Master("/pci@40000000").RidRanges.ShouldHaveSingleItem().Outcome.ShouldBe(RidOutcome.Error);
    }

    [Fact]
    public void Length_compare_is_u32_and_wraps()
    {
        // id_base + id_len wraps to 0x7f, so in u32 arithmetic nothing at or above the base matches.
        var (map, pci, _) = Setup(Tree("<0x80 &iommu_a 0x0 0xffffffff>"));
        map.MapId(pci, 0x90).Status.ShouldBe(MapIdStatus.NoMatch);
    }

    [Fact]
    public void First_matching_entry_wins()
    {
        var (map, pci, _) = Setup(Tree("<0x100 &iommu_b 0x5000 0x8>, <0x0 &iommu_a 0x0 0x10000>"));
        var r = map.MapId(pci, 0x103);
        r.Target!.FullPath.ShouldBe("/iommu@2000");
        r.Id.ShouldBe(0x5003u);
        map.MapId(pci, 0x108).Target!.FullPath.ShouldBe("/iommu@1000");
    }

    [Fact]
    public void Bus_range_limits_the_rid_runs_and_uncovered_rids_are_observed()
    {
        var dts = Tree("<0x0 &iommu_a 0x0 0x200>").Replace("iommu-map =", "bus-range = <0x0 0x3>; iommu-map =");
        var m = IommuTestSupport.Model(dts);
        var b = m.Master("/pci@40000000");
        b.State.ShouldBe(IommuState.Partial);
        b.RidRanges.ShouldBe([
            new RidRange(0x000, 0x1ff, RidOutcome.Translated, "/iommu@1000", 0x000, 0x1ff, 0),
            new RidRange(0x200, 0x3ff, RidOutcome.Bypass, null, 0x200, 0x3ff, -1),
        ]);
        m.Of(ObservationKind.PciRidNotCovered).ShouldHaveSingleItem().Message.ShouldContain("0x0200-0x03ff");
    }

    [Fact]
    public void Pci_function_nodes_get_their_rid_mapped()
    {
        var dts = Tree("<0x0 &iommu_a 0x10000 0x10000>", "ethernet@2,1 { reg = <0x1100 0 0 0 0>; pasid-num-bits = <5>; };");
        var m = IommuTestSupport.Model(dts).Master("/pci@40000000/ethernet@2,1");
        m.Kind.ShouldBe(MasterKind.PciDevice);
        m.Rid.ShouldBe(0x11u);
        m.State.ShouldBe(IommuState.Translated);
        m.PasidBits.ShouldBe(5);
        var a = m.Attachments.ShouldHaveSingleItem();
        a.IommuPath.ShouldBe("/iommu@1000");
        a.PrimaryId.ShouldBe(0x10011UL);
        a.Fields.ShouldHaveSingleItem().Name.ShouldBe("stream-id");
    }
}
