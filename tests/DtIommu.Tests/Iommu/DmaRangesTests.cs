using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Model;

namespace DtIommu.Tests.Iommu;

/// <summary>Linux's of_dma_get_range and mask computation, against the kernel's own unittest vectors (drivers/of/unittest.c).</summary>
public class DmaRangesTests
{
    // drivers/of/unittest-data/tests-address.dtsi, (Linux's own dma-ranges unit test).
    private const string KernelVectors = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          testcase-data { #address-cells = <1>; #size-cells = <1>; ranges;
            address-tests { #address-cells = <1>; #size-cells = <1>;
              ranges = <0x70000000 0x70000000 0x50000000>, <0x0 0xd0000000 0x20000000>;
              dma-ranges = <0x0 0x20000000 0x40000000>;
              device@70000000 { reg = <0x70000000 0x1000>; };
              bus@80000000 { #address-cells = <2>; #size-cells = <2>; ranges = <0x0 0x0 0x80000000 0x0 0x100000>;
                dma-ranges = <0x1 0x0 0x0 0x20 0x0>;
                device@1000 { reg = <0x0 0x1000 0x0 0x1000>; };
              };
              pci@90000000 { device_type = "pci"; #address-cells = <3>; #size-cells = <2>; reg = <0x90000000 0x1000>;
                dma-ranges = <0x42000000 0x0 0x80000000 0x00000000 0x0 0x10000000>,
                             <0x42000000 0x0 0xc0000000 0x20000000 0x0 0x10000000>;
              };
            };
          };
        };
        """;

    private static (TreeIndex index, DmaRangesWalker walker) Setup(string dts, List<ModelObservation>? obs = null)
    {
        var index = new TreeIndex(IommuTestSupport.Compile(dts));
        return (index, new DmaRangesWalker(index, obs));
    }

    private static Node At(TreeIndex index, string path) => NodeLookup.ByPath(index.Root, path)!;

    [Fact]
    public void Platform_device_uses_parent_dma_ranges()
    {
        var (index, walker) = Setup(KernelVectors);
        var dev = At(index, "/testcase-data/address-tests/device@70000000");
        var t = walker.Walk(walker.StartFor(dev), dev.FullPath);
        t.Outcome.ShouldBe(TranslationOutcome.Ranges);
        t.RangesNode.ShouldBe("/testcase-data/address-tests");
        t.Regions.Count.ShouldBe(1);
        t.Regions[0].DmaStart.ShouldBe(0x0UL);
        t.Regions[0].CpuStart.ShouldBe(0x20000000UL);
        t.Regions[0].Size.ShouldBe(0x40000000UL);
        t.BusDmaLimit.ShouldBe(0x3fffffffUL);
        t.MaskBits.ShouldBe(30);
        t.ToCpu(0x1234).ShouldBe(0x20001234UL);
        t.ToCpu(0x40000000).ShouldBeNull();
    }

    [Fact]
    public void Two_level_translation_goes_through_every_ancestor()
    {
        var (index, walker) = Setup(KernelVectors);
        var dev = At(index, "/testcase-data/address-tests/bus@80000000/device@1000");
        var t = walker.Walk(walker.StartFor(dev), dev.FullPath);
        t.Outcome.ShouldBe(TranslationOutcome.Ranges);
        t.RangesNode.ShouldBe("/testcase-data/address-tests/bus@80000000");
        t.Regions.Count.ShouldBe(1);
        t.Regions[0].DmaStart.ShouldBe(0x1_0000_0000UL);
        t.Regions[0].CpuStart.ShouldBe(0x20000000UL);
        t.Regions[0].Size.ShouldBe(0x20_0000_0000UL);
        t.BusDmaLimit.ShouldBe(0x20_ffff_ffffUL);
    }

    [Fact]
    public void Pci_host_bridge_walk_starts_at_the_bridge_and_skips_the_space_cell()
    {
        var (index, walker) = Setup(KernelVectors);
        var pci = At(index, "/testcase-data/address-tests/pci@90000000");
        var t = walker.Walk(pci, pci.FullPath);
        t.Outcome.ShouldBe(TranslationOutcome.Ranges);
        t.Regions.Count.ShouldBe(2);
        t.Regions[0].ShouldBe(new DmaRegion(0x80000000, 0x20000000, 0x10000000));
        t.Regions[1].ShouldBe(new DmaRegion(0xc0000000, 0x40000000, 0x10000000));
        t.DmaStart.ShouldBe(0x80000000UL);
        t.BusDmaLimit.ShouldBe(0xcfffffffUL);
        t.MaskBits.ShouldBe(32);
        t.ToCpu(0xc0000010).ShouldBe(0x40000010UL);
        t.ToCpu(0xa0000000).ShouldBeNull();   // the gap between ranges is unreachable
    }

    [Fact]
    public void Max_cpu_address_matches_the_kernel_vector()
    {
        var (index, walker) = Setup(KernelVectors);
        walker.MaxCpuAddress(At(index, "/testcase-data/address-tests")).ShouldBe(0x4fffffffUL);
    }

    [Fact]
    public void Model_reports_the_tree_wide_max_cpu_address()
    {
        var model = IommuTestSupport.Model(KernelVectors);
        model.MaxDmaCpuAddress.ShouldBe(0x4fffffffUL);
    }

    private static string Chain(string s, string p, string g) => $$"""
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
          g { #address-cells = <1>; #size-cells = <1>; ranges; {{g}}
            p { #address-cells = <1>; #size-cells = <1>; ranges; {{p}}
              s { #address-cells = <1>; #size-cells = <1>; ranges; {{s}}
                dev@0 { reg = <0 4>; };
              };
            };
          };
        };
        """;

    private const string NonEmpty = "dma-ranges = <0x0 0x80000000 0x10000000>;";
    private const string Empty = "dma-ranges;";
    private const string Absent = "";

    private static BusTranslation WalkS(string dts, List<ModelObservation>? obs = null)
    {
        var (index, walker) = Setup(dts, obs);
        var s = At(index, "/g/p/s");
        return walker.Walk(s, "/g/p/s/dev@0");
    }

    [Fact]
    public void Start_node_ranges_are_used()
    {
        var t = WalkS(Chain(NonEmpty, Absent, Absent));
        t.RangesNode.ShouldBe("/g/p/s");
    }

    [Fact]
    public void One_missing_level_is_tolerated_and_observed()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain(Absent, NonEmpty, Absent), obs);
        t.Outcome.ShouldBe(TranslationOutcome.Ranges);
        t.RangesNode.ShouldBe("/g/p");
        t.Regions[0].CpuStart.ShouldBe(0x80000000UL);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesMissingLevel && o.NodePath == "/g/p/s");
    }

    [Fact]
    public void Two_missing_levels_mean_no_constraint()
    {
        var t = WalkS(Chain(Absent, Absent, NonEmpty));
        t.Outcome.ShouldBe(TranslationOutcome.NoConstraint);
        t.BusDmaLimit.ShouldBeNull();
    }

    [Fact]
    public void Empty_then_absent_hides_the_grandparent_restriction()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain(Empty, Absent, NonEmpty), obs);
        t.Outcome.ShouldBe(TranslationOutcome.NoConstraint);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesChainBroken && o.NodePath == "/g/p");
    }

    [Fact]
    public void Absent_then_empty_reaches_the_grandparent()
    {
        var t = WalkS(Chain(Absent, Empty, NonEmpty));
        t.Outcome.ShouldBe(TranslationOutcome.Ranges);
        t.RangesNode.ShouldBe("/g");
    }

    [Fact]
    public void All_empty_to_the_root_is_no_constraint()
    {
        WalkS(Chain(Empty, Empty, Empty)).Outcome.ShouldBe(TranslationOutcome.NoConstraint);
    }

    [Fact]
    public void Ancestor_ranges_are_applied_on_the_cpu_side()
    {
        // s maps bus 0 to p-address 0x1000_0000; p maps that to 0x9000_0000.
        var t = WalkS(Chain("dma-ranges = <0x0 0x10000000 0x1000000>;", "dma-ranges = <0x10000000 0x90000000 0x10000000>;", Absent));
        t.Regions[0].CpuStart.ShouldBe(0x90000000UL);
        t.Regions[0].Offset.ShouldBe(0x90000000UL);
    }

    [Fact]
    public void Untranslatable_entries_are_dropped_and_all_dropped_is_invalid()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain("dma-ranges = <0x0 0x20000000 0x1000000>;", "dma-ranges = <0x0 0x0 0x10000000>;", Absent), obs);
        t.Outcome.ShouldBe(TranslationOutcome.Invalid);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesUntranslatable && o.Message.Contains("0x20000000"));
    }

    [Fact]
    public void Odd_total_size_is_rounded_up_as_in_6_1()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain("dma-ranges = <0x0 0x0 0xffffffff>;", Absent, Absent), obs);
        t.OddSizeAdjusted.ShouldBeTrue();
        t.BusDmaLimit.ShouldBe(0xffffffffUL);
        t.MaskBits.ShouldBe(32);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesOddSize);
    }

    [Fact]
    public void Contiguous_entries_are_merged()
    {
        var t = WalkS(Chain("dma-ranges = <0x0 0x40000000 0x10000000>, <0x10000000 0x50000000 0x10000000>;", Absent, Absent));
        t.Regions.Count.ShouldBe(1);
        t.Regions[0].Size.ShouldBe(0x20000000UL);
    }

    [Fact]
    public void Zero_size_entry_truncates_the_map()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain("dma-ranges = <0x0 0x40000000 0x0>, <0x10000000 0x50000000 0x10000000>;", Absent, Absent), obs);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesZeroSize);
        t.ToCpu(0x10000000).ShouldBeNull();
    }

    [Fact]
    public void Trailing_partial_entry_is_ignored_and_observed()
    {
        var obs = new List<ModelObservation>();
        var t = WalkS(Chain("dma-ranges = <0x0 0x80000000 0x40000000 0x5>;", Absent, Absent), obs);
        t.Regions.Count.ShouldBe(1);
        obs.ShouldContain(o => o.Kind == ObservationKind.DmaRangesFormat);
    }

    [Fact]
    public void Inherited_cells_and_bad_cell_counts_are_observed()
    {
        var obs = new List<ModelObservation>();
        var (index, walker) = Setup("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              zero { #address-cells = <1>; #size-cells = <0>;
                bus { dma-ranges = <0x0 0x10 0x100>;
                  dev@0 { reg = <0>; };
                };
              };
            };
            """, obs);
        var bus = At(index, "/zero/bus");
        var t = walker.Walk(bus, "/zero/bus/dev@0");
        t.Outcome.ShouldBe(TranslationOutcome.Invalid);
        obs.ShouldContain(o => o.Kind == ObservationKind.DefaultCells && o.NodePath == "/zero/bus");
        obs.ShouldContain(o => o.Kind == ObservationKind.BadCellCount && o.NodePath == "/zero/bus");
    }

    [Fact]
    public void Interconnect_dma_mem_replaces_the_parent()
    {
        var dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              mc: memory-controller { #address-cells = <1>; #size-cells = <1>; #interconnect-cells = <1>;
                  dma-ranges = <0x0 0x40000000 0x40000000>; };
              soc { #address-cells = <1>; #size-cells = <1>; ranges;
                dev@1000 { reg = <0x1000 0x100>; dma-coherent; interconnects = <&mc 5>; interconnect-names = "dma-mem"; };
              };
            };
            """;
        var m = IommuTestSupport.Model(dts).Master("/soc/dev@1000");
        m.Translation.StartNode.ShouldBe("/memory-controller");
        m.Translation.Regions[0].CpuStart.ShouldBe(0x40000000UL);
    }
}
