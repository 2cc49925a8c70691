namespace DtIommu.Tests.Checks;

/// <summary>Inputs on which dtc asserts and aborts: here each gives a diagnostic and the run goes on.</summary>
public class MalformedCellTests
{
    [Fact]
    public void Interrupt_parent_that_is_not_one_cell()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Intc2().Child("a", a => a.Cells("interrupt-parent", 1, 2).Cells("interrupts", 1))));
        var d = r.Named("interrupts_property").Single();
        d.NodePath.ShouldBe("/a");
        d.Property.ShouldBe("interrupt-parent");
        d.Span.ShouldBe(r.Prop("/a", "interrupt-parent").Span);
        d.Message.ShouldBe("interrupt-parent size (8) is invalid, expected a single phandle cell");
        r.Status("alias_paths").ShouldBe(DtIommu.Checks.CheckStatus.Passed);
    }

    [Fact]
    public void Remote_endpoint_that_is_not_one_cell()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("dev", d => d.Child("port", p => p.Child("endpoint", e => e.Cells("remote-endpoint", 1, 2))))));
        var d = r.Named("graph_endpoint").Single();
        d.NodePath.ShouldBe("/dev/port/endpoint");
        d.Property.ShouldBe("remote-endpoint");
        d.Message.ShouldBe("graph phandle is not a single cell (8 bytes)");
    }

    [Fact]
    public void Graph_child_reg_that_is_not_one_cell()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("dev", d => d.Child("ports", ps => ps
            .Child("port", p => p.Child("endpoint"))
            .Child("other@1", o => o.Cells("reg", 1, 2))))), "-Wgraph_child_address");
        var d = r.Named("graph_child_address").Single();
        d.NodePath.ShouldBe("/dev/ports/other@1");
        d.Property.ShouldBe("reg");
        d.Message.ShouldBe("graph node malformed 'reg' property");
    }

    [Fact]
    public void Malformed_interrupt_cells_of_the_parent()
    {
        var r = CheckResult.Run(TestTree.Build(s => s
            .Cells("interrupt-parent", "&ic")
            .Child("ic", c => c.Label("ic").Empty("interrupt-controller").Str("#interrupt-cells", "xyzzy"))
            .Child("a", a => a.Cells("interrupts", 1))));
        var d = r.Named("interrupts_property").Single();
        d.NodePath.ShouldBe("/a");
        d.Property.ShouldBe("#interrupt-cells");
        d.Span.ShouldBe(r.Prop("/ic", "#interrupt-cells").Span);
    }

    [Fact]
    public void Short_reg_under_a_pci_bridge_reads_no_further_than_the_value()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Cells("#address-cells", 1).Cells("#size-cells", 1)
            .Child("pci@0", b => b.Str("device_type", "pci").Cells("#address-cells", 3).Cells("#size-cells", 2).Empty("ranges")
                .Child("dev@0", d => d.Cells("reg", 0)))), "-Wno-reg_format", "-Wpci_device_reg");
        // reg_format still gates pci_device_reg: with it enabled again by -W, the short reg is reported there.
        r.Named("reg_format").ShouldNotBeEmpty();
        r.Status("pci_device_reg").ShouldBe(DtIommu.Checks.CheckStatus.Prerequisite);
    }
}

internal static class MalformedExtensions
{
    public static TestTree.NodeSpec Intc2(this TestTree.NodeSpec s) =>
        s.Child("intc", c => c.Label("intc").Empty("interrupt-controller").Cells("#interrupt-cells", 1));
}
