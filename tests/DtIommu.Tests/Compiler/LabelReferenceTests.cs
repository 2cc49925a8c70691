using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// A top-level <c>&amp;label</c> names the first live node in pre-order with that live label, after every edit
/// before it that adds, moves or deletes labels (outputs checked against dtc 1.8.1).
/// </summary>
public class LabelReferenceTests
{
    [Fact]
    public void A_label_added_inside_a_merged_body_is_found_after_the_index_was_built()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { A: a { }; B: b { }; }; &B { q; }; &A { m: d { }; }; &m { p; };"))
            .ShouldBe("/ {\n\n\tA: a {\n\n\t\tm: d {\n\t\t\tp;\n\t\t};\n\t};\n\n\tB: b {\n\t\tq;\n\t};\n};\n");
    }

    [Fact]
    public void A_label_deleted_by_a_delete_node_inside_a_body_is_gone()
    {
        var r = Dtc.Compile("/dts-v1/; / { A: a { l: c { }; }; B: b { }; }; &B { q; }; &A { /delete-node/ c; }; &l { p; };");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Select(d => $"{d.Span!.Value.ToDtcString()} {d.Message}").First()
            .ShouldBe("t.dts:1.84-86 Label or path l not found");
    }

    [Fact]
    public void A_label_deleted_and_given_to_a_new_node_names_the_new_node()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { A: a { l: c { }; }; }; &A { q; }; /delete-node/ &l; / { b { l: d { }; }; }; &l { p; };"))
            .ShouldBe("/ {\n\n\tA: a {\n\t\tq;\n\t};\n\n\tb {\n\n\t\tl: d {\n\t\t\tp;\n\t\t};\n\t};\n};\n");
    }

    [Fact]
    public void A_label_given_by_a_labelled_reference_names_the_same_node()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a { x: c { }; }; }; &x { q; }; y: &x { }; &y { p; };"))
            .ShouldBe("/ {\n\n\ta {\n\n\t\ty: x: c {\n\t\t\tq;\n\t\t\tp;\n\t\t};\n\t};\n};\n");
    }

    [Fact]
    public void A_duplicate_label_earlier_in_preorder_wins_once_merged()
    {
        // The path merge puts a second "l" on /x/d, before /b/c in pre-order.
        var r = Dtc.Compile("/dts-v1/; / { x { }; B: b { l: c { }; }; }; &B { q; }; &{/x} { l: d { }; }; &l { p; };",
            new DtcOptions { OutputFormat = "dts", Force = true });
        r.ExitCode.ShouldBe(0);
        Dtc.Body(Latin1.GetString(r.Output!))
            .ShouldBe("/ {\n\n\tx {\n\n\t\tl: d {\n\t\t\tp;\n\t\t};\n\t};\n\n\tB: b {\n\t\tq;\n\n\t\tl: c {\n\t\t};\n\t};\n};\n");
    }
}
