namespace DtIommu.Tests.Compiler;

public class MergeTests
{
    [Fact]
    public void Override_keeps_the_original_position_and_new_properties_go_last()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a = <1>; b = <2>; }; / { a = <3>; c = <4>; };"))
            .ShouldBe("/ {\n\ta = <0x03>;\n\tb = <0x02>;\n\tc = <0x04>;\n};\n");
    }

    [Fact]
    public void Labels_merge_with_the_newest_printed_first()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a: b: n { }; }; c: &a { };"))
            .ShouldBe("/ {\n\n\tc: a: b: n {\n\t};\n};\n");
    }

    [Fact]
    public void Deleted_node_is_revived_without_its_old_contents()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { l: n { old = <1>; k { }; }; }; /delete-node/ &l; / { n { new = <2>; }; };"))
            .ShouldBe("/ {\n\n\tn {\n\t\tnew = <0x02>;\n\t};\n};\n");
    }

    [Fact]
    public void Delete_property_applies_only_through_a_merge()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a = <1>; b = <2>; }; / { /delete-property/ a; };"))
            .ShouldBe("/ {\n\tb = <0x02>;\n};\n");
        // Inside the defining body it is a no-op: the marker stays deleted and the property stays.
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a = <1>; /delete-property/ b; };"))
            .ShouldBe("/ {\n\ta = <0x01>;\n};\n");
    }

    [Fact]
    public void Deleted_property_is_revived_in_place()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a = <1>; b = <2>; }; / { /delete-property/ a; }; / { a = <9>; };"))
            .ShouldBe("/ {\n\ta = <0x09>;\n\tb = <0x02>;\n};\n");
    }

    [Fact]
    public void Reference_merge_by_path_and_missing_label_error()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { n { }; }; &{/n} { p; };")).ShouldBe("/ {\n\n\tn {\n\t\tp;\n\t};\n};\n");
        var r = Dtc.Compile("/dts-v1/;\n/ { };\n&nosuch { };\n");
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.First();
        e.Message.ShouldBe("Label or path nosuch not found");
        e.Span!.Value.ToDtcString().ShouldBe("t.dts:3.1-8");
    }

    [Fact]
    public void Label_relative_reference_finds_a_node_below_a_label()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { l: a { b { }; }; }; &{l/b} { p; };"))
            .ShouldBe("/ {\n\n\tl: a {\n\n\t\tb {\n\t\t\tp;\n\t\t};\n\t};\n};\n");
    }

    [Fact]
    public void Omit_if_no_ref_drops_unreferenced_nodes_only()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { p = <&b>; /omit-if-no-ref/ a: a { }; /omit-if-no-ref/ b: b { }; };"))
            .ShouldBe("/ {\n\tp = <&b>;\n\n\tb: b {\n\t\tphandle = <0x01>;\n\t};\n};\n");
    }

    [Fact]
    public void Property_after_subnode_is_dtcs_parse_error()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\tn { };\n\tp = <1>;\n};\n");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics[0].Message.ShouldBe("Properties must precede subnodes");
        r.Diagnostics[0].Span!.Value.ToDtcString().ShouldBe("t.dts:4.2-10");
        r.Diagnostics[1].Message.ShouldBe("Unable to parse input tree");
    }

    [Fact]
    public void Plugin_references_become_fragments_with_fixups()
    {
        var dts = Dtc.ToDts("/dts-v1/; /plugin/; &ext { p = <&ext>; }; &{/path} { q; };");
        dts.ShouldBe("/dts-v1/;\n/plugin/;\n\n/ {\n\n\tfragment@0 {\n\t\ttarget = <&ext>;\n\n\t\t__overlay__ {\n\t\t\tp = <&ext>;\n\t\t};\n\t};\n\n\tfragment@1 {\n\t\ttarget-path = \"/path\";\n\n\t\t__overlay__ {\n\t\t\tq;\n\t\t};\n\t};\n\n\t__fixups__ {\n\t\text = \"/fragment@0:target:0\", \"/fragment@0/__overlay__:p:0\";\n\t};\n};\n");
    }
}
