using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Diagnostics.Reporting;
using DtIommu.Text;

namespace DtIommu.Tests.Checks;

public class FormatterTests
{
    private static DiagnosticDescriptor D(string name) => CheckTable.Find(name)!.Descriptor;

    [Fact]
    public void Dtc_format_property_warning()
    {
        var d = new Diagnostic(D("reg_format"), Severity.Warning,
            "property has invalid length (20 bytes) (#address-cells == 2, #size-cells == 2)",
            new SourceSpan("c59.dts", 22, 3, 22, 30), [], "/bad-bus@2000", "reg");
        DtcFormatter.Format(d, "out.dtb").ShouldBe(
            "c59.dts:22.3-30: Warning (reg_format): /bad-bus@2000:reg: property has invalid length (20 bytes) (#address-cells == 2, #size-cells == 2)\n");
    }

    [Fact]
    public void Dtc_format_node_warning_with_also_defined_at()
    {
        var d = new Diagnostic(D("unit_address_vs_reg"), Severity.Warning, "node has a unit name, but no reg or ranges property",
            new SourceSpan("c82.dts", 5, 10, 7, 4), [new SourceSpan("c82.dts", 10, 10, 12, 4)], "/thing@1");
        DtcFormatter.Format(d, "out.dtb").ShouldBe(
            "c82.dts:5.10-7.4: Warning (unit_address_vs_reg): /thing@1: node has a unit name, but no reg or ranges property\n" +
            "  also defined at c82.dts:10.10-12.4\n");
    }

    [Fact]
    public void Dtc_format_error_reference_has_dtcs_trailing_empty_line()
    {
        var d = new Diagnostic(D("phandle_references"), Severity.Error, "Reference to non-existent node or label \"missing\"",
            new SourceSpan("c30.dts", 2, 3, 5, 3), [], "/");
        DtcFormatter.Format(d, "out.dtb").ShouldBe(
            "c30.dts:2.3-5.3: ERROR (phandle_references): /: Reference to non-existent node or label \"missing\"\n\n");
    }

    [Fact]
    public void Dtc_format_failed_prerequisite_uses_the_output_name()
    {
        var d = new Diagnostic(D("pci_device_reg"), Severity.Warning, "Failed prerequisite 'reg_format'", null, []);
        DtcFormatter.Format(d, "c59.dtb").ShouldBe("c59.dtb: Warning (pci_device_reg): Failed prerequisite 'reg_format'\n");
    }

    [Fact]
    public void Gcc_format_shows_the_line_and_a_caret_under_the_span()
    {
        var source = "/dts-v1/;\n/ {\n\tmodel = <1>;\n};\n";
        var f = new GccFormatter(name => name == "t.dts" ? source : null);
        var d = new Diagnostic(D("model_is_string"), Severity.Warning, "property is not a string",
            new SourceSpan("t.dts", 3, 2, 3, 14), [], "/", "model");
        f.Format(d, "out.dtb").ShouldBe(
            "t.dts:3:2: warning: /:model: property is not a string [DT2017 model_is_string]\n" +
            "   3 |         model = <1>;\n" +
            "     |         ^~~~~~~~~~~~\n");
    }

    [Fact]
    public void Gcc_format_without_source_or_span()
    {
        var f = new GccFormatter(_ => null);
        var d = new Diagnostic(D("duplicate_node_names"), Severity.Error, "Duplicate node name",
            new SourceSpan("gone.dts", 1, 1, 1, 5), [], "/a");
        f.Format(d, "out.dtb").ShouldBe("gone.dts:1:1: error: /a: Duplicate node name [DT2001 duplicate_node_names]\n");
        var p = new Diagnostic(D("reg_format"), Severity.Warning, "Failed prerequisite 'addr_size_cells'", null, []);
        f.Format(p, "out.dtb").ShouldBe("out.dtb: warning: Failed prerequisite 'addr_size_cells' [DT2025 reg_format]\n");
    }

    [Fact]
    public void Gcc_format_notes_related_spans()
    {
        var f = new GccFormatter(_ => "a {\n};\nb {\n};\n");
        var d = new Diagnostic(D("unit_address_vs_reg"), Severity.Warning, "m",
            new SourceSpan("x.dts", 1, 3, 2, 3), [new SourceSpan("x.dts", 3, 3, 4, 3)], "/a@1");
        var text = f.Format(d, "o");
        text.ShouldContain("x.dts:3:3: note: also defined here\n");
        text.ShouldContain("   3 | b {\n");
    }

    [Fact]
    public void Gcc_format_gives_the_label_the_fix_and_the_boards()
    {
        var source = "/dts-v1/;\n/ {\n\tmodel = <1>;\n};\n";
        var f = new GccFormatter(name => name == "t.dtsi" ? source : null);
        var descriptor = D("model_is_string") with { Fix = "write model = \"vendor,board\";" };
        var d = new Diagnostic(descriptor, Severity.Warning, "property is not a string",
            new SourceSpan("t.dtsi", 3, 2, 3, 14), [], "/soc", "model", NodeLabel: "soc");
        f.Format(d, "a.dts", ["a.dts", "b.dts"]).ShouldBe(
            "t.dtsi:3:2: warning: /soc (soc):model: property is not a string [DT2017 model_is_string]\n" +
            "  fix: write model = \"vendor,board\";\n" +
            "  2 boards: a.dts, b.dts\n" +
            "   3 |         model = <1>;\n" +
            "     |         ^~~~~~~~~~~~\n");
    }

    [Fact]
    public void Json_format_escapes_and_keeps_every_field()
    {
        var d = new Diagnostic(D("alias_paths"), Severity.Warning, "aliases property is not a valid node (\"x\\y\"\n)",
            new SourceSpan("a.dts", 4, 3, 4, 17), [new SourceSpan("b.dts", 1, 1, 2, 2)], "/aliases", "loop");
        // Byte-exact: System.Text.Json's writer with JsonText.Options (two spaces, \n, only JSON's own escapes).
        JsonFormatter.FormatOne(d).ShouldBe("""
            {
              "code": "DT2084",
              "name": "alias_paths",
              "category": "dtc-check",
              "severity": "warning",
              "message": "aliases property is not a valid node (\"x\\y\"\n)",
              "path": "/aliases",
              "label": null,
              "property": "loop",
              "fix": null,
              "span": {
                "file": "a.dts",
                "line": 4,
                "column": 3,
                "endLine": 4,
                "endColumn": 17
              },
              "related": [
                {
                  "file": "b.dts",
                  "line": 1,
                  "column": 1,
                  "endLine": 2,
                  "endColumn": 2
                }
              ],
              "boards": []
            }

            """);
        var p = new Diagnostic(D("reg_format"), Severity.Error, "m\u0001 <ü>", null, [], NodeLabel: "x");
        JsonFormatter.Format([new BoardFinding(p, ["a.dts", "b.dts"])]).ShouldBe("""
            [
              {
                "code": "DT2025",
                "name": "reg_format",
                "category": "dtc-check",
                "severity": "error",
                "message": "m\u0001 <ü>",
                "path": null,
                "label": "x",
                "property": null,
                "fix": null,
                "span": null,
                "related": [],
                "boards": [
                  "a.dts",
                  "b.dts"
                ]
              }
            ]

            """);
        JsonFormatter.Format(Array.Empty<BoardFinding>()).ShouldBe("[]\n");
    }
}
