using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Tests.Checks;

public class RunnerTests
{
    [Fact]
    public void Failed_prerequisite_skips_dependants_and_is_reported_once_without_position()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Str("#address-cells", "x")));

        r.Status("addr_size_cells").ShouldBe(CheckStatus.Prerequisite);
        r.Status("reg_format").ShouldBe(CheckStatus.Prerequisite);
        var d = r.Named("addr_size_cells").Single();
        d.Message.ShouldBe("Failed prerequisite 'address_cells_is_cell'");
        d.Span.ShouldBeNull();
        d.NodePath.ShouldBeNull();
        r.Named("reg_format").Single().Message.ShouldBe("Failed prerequisite 'addr_size_cells'");
        r.Error.ShouldBeFalse();
    }

    [Fact]
    public void Error_check_failure_stops_every_later_check_and_fixup()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a").Child("a").Cells("p", "&missing").Str("model", "a", "b")));

        r.Error.ShouldBeTrue();
        r.Status("duplicate_node_names").ShouldBe(CheckStatus.Failed);
        r.Status("phandle_references").ShouldBe(CheckStatus.Unchecked);
        r.Status("model_is_string").ShouldBe(CheckStatus.Unchecked);
        r.Diagnostics.Select(d => d.Descriptor.Name).Distinct().ShouldBe(["duplicate_node_names"]);
        // The unresolved cell stays as the parser left it.
        r.Prop("/", "p").Value.GetCell(0).ShouldBe(0xffffffffu);
    }

    [Fact]
    public void Warning_failures_do_not_make_the_run_fail()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Str("model", "a", "b")));
        r.Error.ShouldBeFalse();
        r.Named("model_is_string").Single().Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void E_option_turns_a_warning_into_an_error_that_stops_the_run()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Str("#size-cells", "x").Str("model", "a", "b")), "-Esize_cells_is_cell");

        r.Error.ShouldBeTrue();
        r.Named("size_cells_is_cell").Single().Severity.ShouldBe(Severity.Error);
        r.Status("model_is_string").ShouldBe(CheckStatus.Unchecked);
    }

    [Fact]
    public void Disabling_a_check_lowers_its_dependants()
    {
        var settings = new CheckSettings();
        settings.TryApplyWarningOption("no-size_cells_is_cell", out _).ShouldBeTrue();
        settings.IsEnabled(CheckTable.Find("size_cells_is_cell")!).ShouldBeFalse();
        settings.IsEnabled(CheckTable.Find("addr_size_cells")!).ShouldBeFalse();
        settings.IsEnabled(CheckTable.Find("reg_format")!).ShouldBeFalse();
        settings.IsEnabled(CheckTable.Find("pci_device_reg")!).ShouldBeFalse();
        settings.IsEnabled(CheckTable.Find("address_cells_is_cell")!).ShouldBeTrue();
    }

    [Fact]
    public void Enabling_a_check_raises_its_prerequisites()
    {
        var settings = new CheckSettings();
        settings.TryApplyWarningOption("no_graph_nodes", out _).ShouldBeTrue();
        settings.IsEnabled(CheckTable.Find("graph_port")!).ShouldBeFalse();
        settings.TryApplyErrorOption("graph_port", out _).ShouldBeTrue();
        settings.GetSeverity(CheckTable.Find("graph_port")!).ShouldBe(Severity.Error);
        settings.GetSeverity(CheckTable.Find("graph_nodes")!).ShouldBe(Severity.Error);
    }

    [Fact]
    public void E_no_only_lowers_the_error_flag()
    {
        var settings = new CheckSettings();
        var check = CheckTable.Find("duplicate_label")!;
        settings.TryApplyWarningOption("duplicate_label", out _).ShouldBeTrue();
        settings.TryApplyErrorOption("no-duplicate_label", out _).ShouldBeTrue();
        settings.GetSeverity(check).ShouldBe(Severity.Warning);
    }

    [Fact]
    public void Unknown_check_name_is_rejected_with_dtcs_message()
    {
        var settings = new CheckSettings();
        settings.TryApplyWarningOption("no-such_check", out var error).ShouldBeFalse();
        error.ShouldBe("Unrecognized check name \"such_check\"");
        settings.TryApplyErrorOption("bogus", out error).ShouldBeFalse();
        error.ShouldBe("Unrecognized check name \"bogus\"");
    }

    [Fact]
    public void Messages_on_merged_nodes_list_the_later_definitions()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("thing@1", t => t.AlsoDefined())));
        var d = r.Named("unit_address_vs_reg").Single();
        d.Related.ShouldBe([r.Node("/thing@1").Spans[1]]);
        r.Dtc().ShouldContain("  also defined at test.dts:");
    }

    [Fact]
    public void Property_messages_do_not_list_later_node_definitions()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a", a => a.Str("model", "x", "y").AlsoDefined())));
        r.Named("model_is_string").Single().Related.ShouldBeEmpty();
    }

    [Fact]
    public void Tree_without_positions_reports_paths_only()
    {
        var tree = TestTree.Build(s => s.Child("a", a => a.Str("model", "x", "y")));
        StripSpans(tree.Root);
        var r = CheckResult.Run(tree);
        var d = r.Named("model_is_string").Single();
        d.Span.ShouldBeNull();
        d.NodePath.ShouldBe("/a");
        r.Dtc().ShouldBe("out.dtb: Warning (model_is_string): /a:model: property is not a string\n");
    }

    private static void StripSpans(Node n)
    {
        n.Spans.Clear();
        foreach (var p in n.Properties) p.Span = null;
        foreach (var c in n.Children) StripSpans(c);
    }

    [Fact]
    public void Standard_output_is_named_like_dtc()
    {
        new CheckContext(TestTree.Build(_ => { }), new PhandleAllocator(PhandleFormat.Epapr), "-").OutputName.ShouldBe("<stdout>");
        new CheckContext(TestTree.Build(_ => { }), new PhandleAllocator(PhandleFormat.Epapr)).OutputName.ShouldBe("<stdout>");
    }

    [Fact]
    public void Quiet_levels_hide_warnings_then_errors()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a").Child("a").Str("model", "a", "b")), "-Wmodel_is_string");
        var warning = new Diagnostic(CheckTable.Find("model_is_string")!.Descriptor, Severity.Warning, "m", null, []);
        var error = r.Named("duplicate_node_names").First();
        QuietFilter.IsShown(warning, 0).ShouldBeTrue();
        QuietFilter.IsShown(warning, 1).ShouldBeFalse();
        QuietFilter.IsShown(error, 1).ShouldBeTrue();
        QuietFilter.IsShown(error, 2).ShouldBeFalse();
    }
}
