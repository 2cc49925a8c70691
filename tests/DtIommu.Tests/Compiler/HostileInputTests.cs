using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Tests.Compiler;

/// <summary>Inputs a fuzzer or a hostile user produces: each ends in dtc's located error or a clean success.</summary>
public class HostileInputTests
{
    private static string Located(CompileResult r, string message) =>
        r.Diagnostics.Single(d => d.Message == message).Span!.Value.ToDtcString();

    [Fact]
    public void Reference_before_any_root_node_is_label_not_found()
    {
        var r = Dtc.Compile("/dts-v1/; &test { };");
        r.ExitCode.ShouldBe(1);
        Located(r, "Label or path test not found").ShouldBe("t.dts:1.17-21");
    }

    // Columns are dtc 1.8.1's: bison's stack (10,000 entries) overflows on the same token.
    [Theory]
    [InlineData("/dts-v1/; / {", "a {", 5000, "t.dts:1.10007-10008")]
    [InlineData("/dts-v1/; / {", "x: a {", 5000, "t.dts:1.15005-15006")]
    [InlineData("/dts-v1/; / { p = <", "(", 12000, "t.dts:1.10009-10010")]
    [InlineData("/dts-v1/; / { p = <(", "-", 12000, "t.dts:1.10009-10010")]
    [InlineData("/dts-v1/; / { p = <(", "(-", 6000, "t.dts:1.10009-10010")]
    [InlineData("/dts-v1/; / { a { p = <", "(", 12000, "t.dts:1.10010-10011")]
    [InlineData("/dts-v1/; / { p = <(", "1 ? 1 : ", 5000, "t.dts:1.19997-19998")]
    public void Nesting_deeper_than_dtc_parser_stack_is_memory_exhausted(string prefix, string repeated, int count, string at)
    {
        var r = Dtc.Compile(prefix + string.Concat(Enumerable.Repeat(repeated, count)) + "\n");
        r.ExitCode.ShouldBe(1);
        Located(r, "memory exhausted").ShouldBe(at);
        r.Diagnostics.Last().Message.ShouldBe("Unable to parse input tree");
    }

    [Fact]
    public void Sixty_thousand_nested_nodes_stop_at_the_depth_limit()
    {
        var n = 60000;
        var r = Dtc.Compile("/dts-v1/; / {" + string.Concat(Enumerable.Repeat("a {", n)) + string.Concat(Enumerable.Repeat("};", n)) + "};");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.ShouldContain(d => d.Message == "memory exhausted");
    }

    [Fact]
    public void Sum_of_200000_terms_is_evaluated_without_recursion()
    {
        var terms = string.Join("+", Enumerable.Repeat("1", 200000));
        Dtc.Body(Dtc.ToDts($"/dts-v1/; / {{ p = <({terms})>; }};")).ShouldContain("p = <0x30d40>;");
    }

    [Fact]
    public void Nesting_just_under_the_limit_compiles()
    {
        var depth = 3000;
        var dts = "/dts-v1/; / {" + string.Concat(Enumerable.Repeat("a {", depth)) + string.Concat(Enumerable.Repeat("};", depth)) + "};";
        Dtc.ToDtb(dts).Length.ShouldBeGreaterThan(depth * 8);
    }

    [Fact]
    public void Out_of_range_literal_in_the_untaken_arm_of_a_conditional_is_a_lexical_error()
    {
        var r = Dtc.Compile("/dts-v1/; / { q = <(0 ? 0x123456789012345678 : 2)>; };");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.First().Descriptor.ShouldBe(SyntaxDiagnostics.LexicalError);
        Located(r, "Integer literal '0x123456789012345678' out of range").ShouldBe("t.dts:1.25-45");
    }

    [Fact]
    public void Division_by_zero_in_the_untaken_arm_is_still_an_error()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = <(1 ? 2 : 1/0)>; };");
        r.ExitCode.ShouldBe(1);
        Located(r, "Division by zero").ShouldBe("t.dts:1.29-32");
    }

    [Fact]
    public void Incbin_reads_only_the_requested_range_of_an_endless_device()
    {
        if (!File.Exists("/dev/zero")) return;
        var dir = Path.Combine(Path.GetTempPath(), "dtiommu-incbin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.dts"), "/dts-v1/; / { p = /incbin/(\"/dev/zero\", 0, 16); q = /incbin/(\"data\", 2, 3); };");
            File.WriteAllText(Path.Combine(dir, "data"), "abcdefgh");
            var r = DtcCompiler.Compile(new DtcOptions { Input = "t.dts", OutputFormat = "dts" }, new RootedFileSource(dir));
            r.ExitCode.ShouldBe(0);
            var dts = Latin1.GetString(r.Output!);
            dts.ShouldContain("p = <0x00 0x00 0x00 0x00>;");
            dts.ShouldContain("q = [63 64 65];");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Node_named_only_by_its_unit_address_is_node_name_not_empty()
    {
        var r = Dtc.Compile("/dts-v1/; / { @1 { }; };");
        r.ExitCode.ShouldBe(2);
        var e = r.Diagnostics.Single(d => d.Descriptor.Code == "node_name_not_empty" || d.Message == "Empty node name");
        e.Message.ShouldBe("Empty node name");
        e.Span!.Value.ToDtcString().ShouldBe("t.dts:1.18-22");
    }

    [Fact]
    public void Blob_child_with_an_empty_name_is_node_name_not_empty()
    {
        var blob = Dtc.ToDtb("/dts-v1/; / { x { p = <1>; }; };");
        var at = System.Text.Encoding.ASCII.GetString(blob).IndexOf("x\0\0\0", StringComparison.Ordinal);
        blob[at] = 0;
        var files = new MemoryFileSource().Add("e.dtb", blob);
        var r = DtcCompiler.Compile(new DtcOptions { Input = "e.dtb", InputFormat = "dtb", OutputFormat = "dts" }, files);
        r.ExitCode.ShouldBe(2);
        r.Diagnostics.ShouldContain(d => d.Message == "Empty node name");
    }

    // dtc's scanner location at end of input is its last lexeme, blanks and comments included.
    [Theory]
    [InlineData("/dts-v1/; / { p = <1 2>; }", "t.dts:1.26-27")]
    [InlineData("/dts-v1/; / { p = <1 2>; }\n", "t.dts:1.27-2.1")]
    [InlineData("/dts-v1/; / { p = <1 2>; }  \n\n  ", "t.dts:1.27-3.3")]
    [InlineData("/dts-v1/; / { p = <1 2>; } /* x */", "t.dts:1.28-35")]
    [InlineData("/dts-v1/; / { p = <1 2>; } // x\n", "t.dts:1.28-2.1")]
    [InlineData("", "t.dts:0.0")]
    public void Syntax_error_at_end_of_input_is_located_as_dtc_does(string source, string at)
    {
        var r = Dtc.Compile(source);
        r.ExitCode.ShouldBe(1);
        Located(r, "syntax error").ShouldBe(at);
    }

    [Fact]
    public void Lexical_error_before_a_syntax_error_is_reported_first()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = <0xffffffffffffffffff");
        r.Diagnostics.Select(d => d.Message).ShouldBe(
            ["Integer literal '0xffffffffffffffffff' out of range", "syntax error", "Unable to parse input tree"]);
    }

    [Fact]
    public void Value_errors_of_finished_properties_come_before_a_syntax_error_in_the_same_node()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = <(1 / 0)>; q = <1>;");
        r.Diagnostics.Select(d => d.Message).ShouldBe(["Division by zero", "syntax error", "Unable to parse input tree"]);
    }

    [Fact]
    public void Unknown_reference_of_a_finished_top_level_merge_comes_before_a_later_syntax_error()
    {
        var r = Dtc.Compile("/dts-v1/; / { }; &missing { }; x");
        r.Diagnostics.Select(d => d.Message).ShouldBe(["Label or path missing not found", "syntax error", "Unable to parse input tree"]);
    }

    [Fact]
    public void Bad_bits_width_is_reported_when_its_array_opens()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = /bits/ 7 <0xffffffffffffffffff");
        r.Diagnostics.Select(d => d.Message).Take(2).ShouldBe(
            ["Array elements must be 8, 16, 32 or 64-bits", "Integer literal '0xffffffffffffffffff' out of range"]);
    }
}
