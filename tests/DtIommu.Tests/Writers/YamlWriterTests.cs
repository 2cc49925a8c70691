using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Writers;

namespace DtIommu.Tests.Writers;

// Expected texts are what dtc (with libyaml 0.2.5) prints for the same sources.
public class YamlWriterTests
{
    private static readonly DtcOptions Yaml = new() { OutputFormat = "yaml", Quiet = 3 };

    [Fact]
    public void Types_phandles_strings_and_labels_print_as_dtc_does()
    {
        const string dts = """
            /dts-v1/;
            / {
            	#address-cells = <1>;
            	#size-cells = <0>;
            	lbl: node@1 {
            		reg = <1>;
            		strs = "a", "b c", "";
            		b8 = [00 ff] end:;
            		b16 = /bits/ 16 <0x1234 0xffff>;
            		b64 = /bits/ 64 <0x100000000 1>;
            		ref = <&other 1 &other>;
            		path = &other;
            		flag;
            		mixed = "x", <2>, v: [03];
            	};
            	other: other { };
            };
            """;
        InMemoryCompile.Text(dts, Yaml).ShouldBe("""
            ---
            - '#address-cells': [[0x1]]
              '#size-cells': [[0x0]]
              node@1:
                reg: [[0x1]]
                strs: ["a", "b c", ""]
                b8: [!u8 [0x0, 0xff]]
                b16: [!u16 [0x1234, 0xffff]]
                b64: [!u64 [0x100000000, 0x1]]
                ref: [[!phandle 0x1, 0x1, !phandle 0x1]]
                path: ["/other"]
                flag: true
                mixed: ["x", [0x2], !u8 [0x3]]
              other:
                phandle: [[0x1]]
            ...

            """);
    }

    [Fact]
    public void Long_sequences_and_strings_wrap_past_column_80()
    {
        const string dts = """
            /dts-v1/;
            / {
            	cells = <0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29>;
            	text = "the quick brown fox jumps over the lazy dog and keeps running past column eighty";
            	esc = "tab\there\nnl \"q\" \\ \x7f";
            };
            """;
        InMemoryCompile.Text(dts, Yaml).ShouldBe("""
            ---
            - cells: [[0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa, 0xb, 0xc, 0xd, 0xe,
                  0xf, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
                  0x1c, 0x1d]]
              text: ["the quick brown fox jumps over the lazy dog and keeps running past column
                  eighty"]
              esc: ["tab\there\nnl \"q\" \\ \x7F"]
            ...

            """);
    }

    [Fact]
    public void Long_keys_become_complex_keys_and_odd_node_names_are_quoted_with_a_tag()
    {
        var p = new string('p', 130);
        var n = new string('n', 129);
        var dts = "/dts-v1/;\n/ {\n\t" + p + " = <1>;\n\tempty { };\n\t,odd { };\n\t" + n + " { y; };\n};\n";
        InMemoryCompile.Text(dts, Yaml with { Force = true }).ShouldBe(
            "---\n" +
            "- ? " + p + "\n" +
            "  : [[0x1]]\n" +
            "  empty: {}\n" +
            "  ! ',odd': {}\n" +
            "  ? " + n + "\n" +
            "  : y: true\n" +
            "...\n");
    }

    [Fact]
    public void A_key_of_128_characters_is_still_simple_and_the_value_breaks_before_its_first_item()
    {
        var root = new Node("");
        root.AddProperty(new Property(new string('k', 128), Cells(7)));
        YamlWriter.Write(new DeviceTree(root)).ShouldBe("---\n- " + new string('k', 128) + ": [\n    [0x7]]\n...\n");
    }

    [Fact]
    public void An_empty_root_is_an_empty_flow_mapping_and_deleted_items_are_skipped()
    {
        var root = new Node("");
        root.AddProperty(new Property("gone", Cells(1)) { IsDeleted = true });
        var child = new Node("gone");
        root.AddChild(child);
        child.IsDeleted = true;
        YamlWriter.Write(new DeviceTree(root)).ShouldBe("---\n- {}\n...\n");
    }

    [Fact]
    public void Untyped_incbin_data_is_an_empty_sequence()
    {
        var dts = "/dts-v1/;\n/ {\n\tblob = /incbin/(\"b.bin\");\n};\n";
        InMemoryCompile.Text(dts, Yaml, ("b.bin", new byte[] { 1, 2, 3 }))
            .ShouldBe("---\n- blob: []\n...\n");
    }

    [Fact]
    public void A_value_without_markers_is_rejected_with_dtcs_message()
    {
        var root = new Node("");
        root.AddProperty(new Property("raw", new PropertyValue(new byte[] { 1, 2, 3, 4 })));
        Should.Throw<FatalCompilationException>(() => YamlWriter.Write(new DeviceTree(root)))
            .Message.ShouldBe("No markers present in property 'raw' value");
    }

    [Fact]
    public void Non_ascii_strings_which_dtc_asserts_on_are_a_fatal_error()
    {
        var dts = "/dts-v1/;\n/ {\n\ts = \"caf\\xe9\";\n};\n";
        var result = InMemoryCompile.Run(dts, Yaml);
        result.ExitCode.ShouldBe(1);
        result.Output.ShouldBeNull();
        result.Diagnostics.Last().Message.ShouldContain("'s'");
    }

    [Fact]
    public void Yaml_needs_dts_input()
    {
        var blob = InMemoryCompile.Run("/dts-v1/;\n/ { };\n", new DtcOptions { OutputFormat = "dtb" }).Output!;
        var result = InMemoryCompile.Run("", Yaml with { InputFormat = "dtb" }, ("in.dts", blob));
        result.ExitCode.ShouldBe(1);
        result.Diagnostics.Last().Message.ShouldBe("YAML output format requires dts input format");
    }

    private static PropertyValue Cells(params uint[] cells)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerKind.TypeUint32);
        foreach (var c in cells) v.AppendCell(c);
        return v;
    }
}
