using DtIommu.Checks;
using DtIommu.Diagnostics;

namespace DtIommu.Tests.Checks;

public class CheckTableTests
{
    [Theory]
    [MemberData(nameof(CheckCases.Names), MemberType = typeof(CheckCases))]
    public void Check_reports_its_failure_with_name_severity_path_and_position(string check)
    {
        var c = CheckCases.All[check];
        var result = CheckResult.Run(TestTree.Build(c.Bad), c.Options);

        var d = result.Named(check).FirstOrDefault();
        d.ShouldNotBeNull(result.Dtc());
        var table = CheckTable.Find(check)!;
        var expectedSeverity = c.Severity ?? (table.DefaultError ? Severity.Error : Severity.Warning);
        d.Severity.ShouldBe(expectedSeverity);
        d.Descriptor.ShouldBeSameAs(table.Descriptor);
        d.NodePath.ShouldBe(c.Path);
        d.Property.ShouldBe(c.Property);
        d.Message.ShouldBe(c.Message);
        d.Span.ShouldBe(c.Where(result));
        result.Status(check).ShouldNotBe(CheckStatus.Passed);
    }

    [Theory]
    [MemberData(nameof(CheckCases.Names), MemberType = typeof(CheckCases))]
    public void Check_stays_quiet_on_a_clean_tree(string check)
    {
        var c = CheckCases.All[check];
        var result = CheckResult.Run(TestTree.Build(c.Good), c.GoodOptions);

        result.Named(check).ShouldBeEmpty(result.Dtc());
        result.Status(check).ShouldBe(c.GoodRuns ? CheckStatus.Passed : CheckStatus.Unchecked);
    }

    [Fact]
    public void Every_check_of_the_table_has_a_case()
    {
        CheckTable.All.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal)
            .ShouldBe(CheckCases.All.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Table_matches_dtc_181_order_and_levels()
    {
        CheckTable.All.Count.ShouldBe(90);
        CheckTable.All[0].Name.ShouldBe("duplicate_node_names");
        CheckTable.All[4].Name.ShouldBe("node_name_not_empty");
        CheckTable.All[13].Name.ShouldBe("omit_unused_nodes");
        CheckTable.All[47].Name.ShouldBe("clocks_property");
        CheckTable.All[48].Name.ShouldBe("clocks_is_cell");
        CheckTable.All[83].Name.ShouldBe("interrupt_map");
        CheckTable.All[89].Name.ShouldBe("always_fail");
        CheckTable.All.Where(c => !c.DefaultWarning && !c.DefaultError).Select(c => c.Name).ShouldBe(
            ["property_name_chars_strict", "node_name_chars_strict", "unique_unit_address_if_enabled", "deprecated_gpio_property", "graph_child_address", "always_fail"]);
        CheckTable.All.Where(c => c.DefaultError).Select(c => c.Name).ShouldBe(
            ["duplicate_node_names", "duplicate_property_names", "node_name_chars", "node_name_format", "node_name_not_empty", "property_name_chars",
             "name_is_string", "name_properties", "duplicate_label", "explicit_phandles", "phandle_references", "path_references",
             "omit_unused_nodes"]);
        CheckTable.Find("graph_child_address")!.Prerequisites.Select(p => p.Name).ShouldBe(["graph_nodes", "graph_port", "graph_endpoint"]);
        CheckTable.Find("interrupts_property")!.Prerequisites.ShouldBeEmpty();
    }

    [Fact]
    public void Descriptors_have_codes_in_table_order_and_the_dtc_check_category()
    {
        var d = CheckTable.Descriptors.ToList();
        d[0].Code.ShouldBe("DT2001");
        d[89].Code.ShouldBe("DT2089");
        // Added after the codes were published: it takes the next free code, not its table position.
        CheckTable.Find("node_name_not_empty")!.Descriptor.Code.ShouldBe("DT2090");
        CheckTable.Find("property_name_chars")!.Descriptor.Code.ShouldBe("DT2005");
        d.ShouldAllBe(x => x.Category == "dtc-check");
        d.Select(x => x.Code).Distinct().Count().ShouldBe(90);
        CheckTable.Find("reg_format")!.Descriptor.DefaultSeverity.ShouldBe(Severity.Warning);
        CheckTable.Find("always_fail")!.Descriptor.DefaultSeverity.ShouldBe(Severity.Off);
    }
}
