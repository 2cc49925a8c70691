using DtIommu.Checks;
using DtIommu.Model;

namespace DtIommu.Tests.Checks;

public class FixupTests
{
    [Fact]
    public void Phandle_references_allocate_in_reference_order_skipping_explicit_values()
    {
        var r = CheckResult.Run(TestTree.Build(s => s
            .Child("a", a => a.Label("a"))
            .Child("b", b => b.Label("b").Cells("phandle", 1))
            .Child("c", c => c.Label("c"))
            .Cells("refs", "&c", "&b", "&a")));

        r.Error.ShouldBeFalse();
        var refs = r.Prop("/", "refs").Value;
        refs.GetCell(0).ShouldBe(2u);
        refs.GetCell(4).ShouldBe(1u);
        refs.GetCell(8).ShouldBe(3u);
        r.Prop("/c", "phandle").Value.GetCell(0).ShouldBe(2u);
        r.Node("/a").Properties.Last().Name.ShouldBe("phandle");
        r.Node("/a").IsReferenced.ShouldBeTrue();
    }

    [Fact]
    public void Reference_to_the_node_itself_in_phandle_allocates_one()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a", a => a.Label("me").Cells("phandle", "&me"))));
        r.Diagnostics.ShouldBeEmpty();
        r.Prop("/a", "phandle").Value.GetCell(0).ShouldBe(1u);
    }

    [Fact]
    public void Duplicated_explicit_phandle_is_an_error_naming_the_first_node()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("n1", n => n.Cells("phandle", 1)).Child("n2", n => n.Cells("phandle", 1))));
        var d = r.Named("explicit_phandles").Single();
        d.Message.ShouldBe("duplicated phandle 0x1 (seen before at /n1)");
        d.NodePath.ShouldBe("/n2");
    }

    [Fact]
    public void Plugin_leaves_unresolved_references_as_minus_one_without_error()
    {
        var tree = TestTree.Build(s => s.Cells("target", "&outside"), plugin: true);
        var r = CheckResult.Run(tree);
        r.Error.ShouldBeFalse();
        r.Prop("/", "target").Value.GetCell(0).ShouldBe(0xffffffffu);
    }

    [Fact]
    public void Path_references_insert_the_full_path()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a", a => a.Label("x").Child("b", b => b.Label("y"))).PathRef("p", "y")));
        var v = r.Prop("/", "p").Value;
        v.AsString().ShouldBe("/a/b");
        v.Length.ShouldBe(5);
        r.Node("/a/b").IsReferenced.ShouldBeTrue();
    }

    [Fact]
    public void Label_with_path_reference_resolves_below_the_label()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a", a => a.Label("x").Child("b")).PathRef("p", "x/b")));
        r.Prop("/", "p").Value.AsString().ShouldBe("/a/b");
    }

    [Fact]
    public void Omit_if_no_ref_deletes_unreferenced_nodes_only()
    {
        var r = CheckResult.Run(TestTree.Build(s => s
            .Child("used", u => u.Label("u").OmitIfNoRef())
            .Child("unused", u => u.Label("n").OmitIfNoRef().Child("kid"))
            .Cells("p", "&u")));
        r.Node("/used").IsDeleted.ShouldBeFalse();
        r.Tree.Root.Children[1].IsDeleted.ShouldBeTrue();
        r.Tree.Root.Children[1].Children[0].IsDeleted.ShouldBeTrue();
        r.Tree.Root.Children[1].Labels.AnyLive.ShouldBeFalse();
    }

    [Fact]
    public void Omit_if_no_ref_keeps_labelled_nodes_with_symbols()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("unused", u => u.Label("n").OmitIfNoRef())), "-@");
        r.Node("/unused").IsDeleted.ShouldBeFalse();
    }

    [Fact]
    public void Correct_name_property_is_removed()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("a@1", a => a.Str("name", "a").Cells("x", 1))));
        r.Node("/a@1").Properties.Select(p => p.Name).ShouldBe(["x"]);
    }

    [Fact]
    public void Addr_size_cells_records_values_and_buses_are_marked()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Cells("#address-cells", 1)
            .Child("bus", b => b.Str("compatible", "simple-bus"))
            .Child("i2c@1", b => b.Cells("reg", 1, 2))));
        r.Tree.Root.AddressCells.ShouldBe(1);
        r.Tree.Root.SizeCells.ShouldBe(-1);
        r.Node("/bus").BusType.ShouldBe("simple-bus");
        r.Node("/i2c@1").BusType.ShouldBe("i2c-bus");
    }

    [Fact]
    public void Duplicate_node_names_with_a_deleted_twin_prints_a_null_path()
    {
        var r = CheckResult.Run(TestTree.Build(s => s.Child("child").Child("child", c => c.Deleted())));
        var d = r.Named("duplicate_node_names").Single();
        d.NodePath.ShouldBe("(null)");
        d.Span.ShouldBe(r.Tree.Root.Children[1].Span);
    }
}
