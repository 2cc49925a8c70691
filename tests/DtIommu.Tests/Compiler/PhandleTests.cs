using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

public class PhandleTests
{
    [Fact]
    public void Phandles_follow_first_reference_order_skipping_explicit_values()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { p = <&c &b &a>; a: a { }; b: b { phandle = <2>; }; c: c { }; };"))
            .ShouldBe("/ {\n\tp = <&c &b &a>;\n\n\ta: a {\n\t\tphandle = <0x03>;\n\t};\n\n\tb: b {\n\t\tphandle = <0x02>;\n\t};\n\n\tc: c {\n\t\tphandle = <0x01>;\n\t};\n};\n");
    }

    [Theory]
    [InlineData(PhandleFormat.Legacy, "\t\tlinux,phandle = <0x01>;\n")]
    [InlineData(PhandleFormat.Epapr, "\t\tphandle = <0x01>;\n")]
    [InlineData(PhandleFormat.Both, "\t\tlinux,phandle = <0x01>;\n\t\tphandle = <0x01>;\n")]
    public void Phandle_format_chooses_the_generated_properties(PhandleFormat format, string expected)
    {
        Dtc.ToDts("/dts-v1/; / { p = <&a>; a: a { }; };", new() { PhandleFormat = format }).ShouldContain("a: a {\n" + expected + "\t};");
    }

    [Fact]
    public void Path_references_insert_the_full_path()
    {
        var dtb = Dtc.ToDtb("/dts-v1/; / { p = \"a\", &n, \"b\"; n: n@1 { }; };");
        var text = Latin1.GetString(dtb);
        text.ShouldContain("a\0/n@1\0b\0");
    }

    [Fact]
    public void Symbols_give_every_labelled_node_a_phandle()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { x: a { }; y: b { }; };", new() { Symbols = true }))
            .ShouldBe("/ {\n\n\tx: a {\n\t\tphandle = <0x01>;\n\t};\n\n\ty: b {\n\t\tphandle = <0x02>;\n\t};\n\n\t__symbols__ {\n\t\tx = \"/a\";\n\t\ty = \"/b\";\n\t};\n};\n");
    }

    [Fact]
    public void Auto_alias_adds_labels_to_aliases()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { aliases { }; serial0: s { }; };", new() { AutoAlias = true }))
            .ShouldBe("/ {\n\n\taliases {\n\t\tserial0 = \"/s\";\n\t};\n\n\tserial0: s {\n\t};\n};\n");
    }
}
