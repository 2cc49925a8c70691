using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Tests.Compiler;

public class LexerTests
{
    [Fact]
    public void Word_followed_by_colon_is_a_label_even_where_names_are_expected()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { lbl: node { }; };")).ShouldBe("/ {\n\n\tlbl: node {\n\t};\n};\n");
    }

    [Fact]
    public void Names_may_start_with_digits_and_hold_dtc_name_characters()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { 1abc,x+y@0 { #a?b*c = <1>; }; };"))
            .ShouldBe("/ {\n\n\t1abc,x+y@0 {\n\t\t#a?b*c = <0x01>;\n\t};\n};\n");
    }

    [Fact]
    public void Escaped_property_name_drops_the_backslash()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { \\#gpio-cells = <2>; };")).ShouldBe("/ {\n\t#gpio-cells = <0x02>;\n};\n");
    }

    [Fact]
    public void Lower_case_integer_suffix_is_dtc_1_8_s_unexpected_word_at_the_suffix()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ { p = <0x10u>; };\n");
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.Single(d => d.Descriptor == SyntaxDiagnostics.LexicalError);
        (e.Span!.Value.ToDtcString() + " " + e.Message).ShouldBe("t.dts:2.14-15 Unexpected 'u'");
        r.Diagnostics.ShouldNotContain(d => d.Descriptor == SyntaxDiagnostics.SyntaxError);
    }

    [Fact]
    public void Leading_zero_with_nine_is_a_bad_octal_literal()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\tp = <09>;\n};\n");
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.Single(d => d.Descriptor == SyntaxDiagnostics.LexicalError);
        e.Message.ShouldBe("Bad integer literal '09'");
        e.Span!.Value.ToDtcString().ShouldBe("t.dts:3.7-9");
        r.Diagnostics.Last().Message.ShouldBe("Syntax error parsing input tree");
    }

    [Fact]
    public void Line_comment_at_end_of_file_without_newline_is_a_syntax_error()
    {
        Dtc.Compile("/dts-v1/; / { };\n// trailing").ExitCode.ShouldBe(1);
        Dtc.Compile("/dts-v1/; / { };\n// trailing\n").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Character_literals_and_escapes_follow_dtc()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { p = <'a' '\\x41' '\\101' '\\n'>; s = \"\\x-1\\777\"; };"))
            .ShouldBe("/ {\n\tp = <0x61 0x41 0x41 0x0a>;\n\ts = \"\\xffffffff\\xffffffff\";\n};\n");
    }

    [Fact]
    public void Empty_character_literal_is_a_lexical_error()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = <''>; };");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.ShouldContain(d => d.Message == "Empty character literal");
    }

    [Fact]
    public void Line_markers_rename_the_file_and_renumber_lines()
    {
        var r = Dtc.Compile("/dts-v1/;\n# 40 \"board.dtsi\" 1\n/ {\n\tp = <09>;\n};\n");
        r.Diagnostics.First().Span!.Value.ToDtcString().ShouldBe("board.dtsi:41.7-9");
    }

    [Fact]
    public void Include_is_resolved_relative_to_the_including_file_and_keeps_the_scanner_state()
    {
        var files = new MemoryFileSource()
            .Add("inc/a.dtsi", "/include/ \"b.dtsi\"\n")
            .Add("inc/b.dtsi", "q = <2>;\n");
        // The include sits where a property name is expected: the included text continues in that state.
        var r = Dtc.Compile("/dts-v1/;\n/ { p = <1>; /include/ \"inc/a.dtsi\" };\n", new() { OutputFormat = "dts", DependencyFile = "d" }, files);
        r.ExitCode.ShouldBe(0);
        Dtc.Body(Latin1.GetString(r.Output!)).ShouldBe("/ {\n\tp = <0x01>;\n\tq = <0x02>;\n};\n");
        r.Dependencies.ShouldBe("-: t.dts inc/a.dtsi inc/b.dtsi\n");
    }

    [Fact]
    public void Missing_include_is_fatal_with_dtc_message()
    {
        var r = Dtc.Compile("/dts-v1/;\n/include/ \"nope.dtsi\"\n/ { };\n");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Last().Message.ShouldBe("Couldn't open \"nope.dtsi\": No such file or directory");
    }

    [Fact]
    public void Missing_include_inside_a_node_body_is_fatal_not_a_crash()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\tn {\n/include/ \"gone.dtsi\"\n\t};\n};\n");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Last().Message.ShouldBe("Couldn't open \"gone.dtsi\": No such file or directory");
    }

    [Fact]
    public void Include_cycle_stops_at_the_depth_limit_instead_of_hanging()
    {
        var files = new MemoryFileSource().Add("loop.dtsi", "/include/ \"loop.dtsi\"\n");
        var r = Dtc.Compile("/dts-v1/;\n/include/ \"loop.dtsi\"\n/ { };\n", null, files);
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Last().Message.ShouldBe("Includes nested too deeply");
    }
}
