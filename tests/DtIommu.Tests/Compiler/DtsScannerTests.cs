using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Tests.Compiler;

/// <summary>The hand-written scanner against flex's rules: longest match, then the earlier rule, per start condition.</summary>
public class DtsScannerTests
{
    private static List<(string Type, string Text)> Scan(string text, ScanMode mode = ScanMode.Value)
    {
        var scanner = new DtsScanner(Latin1.GetBytes(text)) { Mode = mode };
        var tokens = new List<(string, string)>();
        while (true)
        {
            var t = scanner.Next();
            if (t.Type < 0) return tokens;
            tokens.Add((DtsParser.DefaultVocabulary.GetSymbolicName(t.Type), text.Substring(t.Start, t.Stop - t.Start + 1)));
        }
    }

    [Fact]
    public void A_char_literal_ends_at_the_last_quote_that_an_escape_allows()
    {
        Scan("'\\''").ShouldBe([("CHAR_LITERAL", "'\\''")]);
        Scan("'\\' 1").ShouldBe([("CHAR_LITERAL", "'\\'"), ("LITERAL", "1")]);
        Scan("''").ShouldBe([("CHAR_LITERAL", "''")]);
        Scan("'a").ShouldBe([("OTHER", "'"), ("LITERAL", "a")]);
    }

    [Fact]
    public void A_line_marker_is_one_only_at_the_start_of_a_line()
    {
        Scan("# 3 \"a.dts\" 1 2\n").ShouldBe([("LINE_MARKER", "# 3 \"a.dts\" 1 2")]);
        Scan(" # 3 \"a.dts\"").ShouldBe([("OTHER", "#"), ("LITERAL", "3"), ("STRING", "\"a.dts\"")]);
        Scan("#line 3 \"a.dts\" 1 ;", ScanMode.PropNodeName).ShouldBe([("LINE_MARKER", "#line 3 \"a.dts\" 1"), ("SEMI", ";")]);
        Scan("#size-cells", ScanMode.PropNodeName).ShouldBe([("PROPNODENAME", "#size-cells")]);
    }

    [Fact]
    public void Where_a_name_is_expected_a_word_with_a_colon_is_a_label_and_a_name_returns_to_values()
    {
        Scan("lbl: node,1@0 { 12 ab", ScanMode.PropNodeName).ShouldBe([
            ("LABEL", "lbl:"), ("PROPNODENAME", "node,1@0"), ("LBRACE", "{"), ("PROPNODENAME", "12"), ("LITERAL", "ab"),
        ]);
        Scan("\\#cells x", ScanMode.PropNodeName).ShouldBe([("PROPNODENAME", "\\#cells"), ("LITERAL", "x")]);
    }

    [Fact]
    public void In_a_byte_string_two_hex_digits_are_a_byte_and_a_colon_makes_a_label()
    {
        Scan("[ab cd: 0f1 ] 12").ShouldBe([
            ("LBRACK", "["), ("BYTE", "ab"), ("LABEL", "cd:"), ("BYTE", "0f"), ("OTHER", "1"), ("RBRACK", "]"), ("LITERAL", "12"),
        ]);
    }

    [Fact]
    public void Literals_take_the_longest_prefix_and_suffix()
    {
        Scan("0x1FULL 0x 08 10LL 7U").ShouldBe([
            ("LITERAL", "0x1FULL"), ("LITERAL", "0"), ("LITERAL", "x"), ("LITERAL", "08"), ("LITERAL", "10LL"), ("LITERAL", "7U"),
        ]);
    }

    [Fact]
    public void Comments_are_skipped_only_when_closed()
    {
        Scan("/* a */ 1 // b\n2 // c").ShouldBe([
            ("LITERAL", "1"), ("LITERAL", "2"), ("SLASH", "/"), ("SLASH", "/"), ("LITERAL", "c"),
        ]);
        Scan("/* open").ShouldBe([("SLASH", "/"), ("STAR", "*"), ("LITERAL", "open")]);
    }

    [Fact]
    public void Keywords_and_references_are_known_in_their_states_only()
    {
        Scan("/incbin/ &lbl &{/a@1} && &").ShouldBe([
            ("INCBIN", "/incbin/"), ("LABEL_REF", "&lbl"), ("PATH_REF", "&{/a@1}"), ("AND", "&&"), ("AMP", "&"),
        ]);
        Scan("/incbin/", ScanMode.PropNodeName).ShouldBe([("SLASH", "/"), ("PROPNODENAME", "incbin"), ("SLASH", "/")]);
        Scan("/include/ x").ShouldBe([("SLASH", "/"), ("LITERAL", "include"), ("SLASH", "/"), ("LITERAL", "x")]);
        Scan("/include/ \"f\"").ShouldBe([("INCLUDE", "/include/ \"f\"")]);
    }

    [Fact]
    public void Before_dts_v1_there_are_no_numbers_and_in_values_a_bare_word_is_a_literal()
    {
        Scan("ab 12", ScanMode.Initial).ShouldBe([("OTHER", "a"), ("OTHER", "b"), ("OTHER", "1"), ("OTHER", "2")]);
        Scan("ab 12 ab:").ShouldBe([("LITERAL", "ab"), ("LITERAL", "12"), ("LABEL", "ab:")]);
        Scan("/incbin/", ScanMode.Initial).ShouldBe([("INCBIN", "/incbin/")]);
    }

    [Fact]
    public void A_bare_word_in_a_value_is_dtc_1_8_s_unexpected_word_and_counts_as_zero()
    {
        var r = Dtc.Compile("/dts-v1/; / { a = <(FOO + 1)>, \"x\"; b = /bits/ W <BAR>; };");
        r.ExitCode.ShouldBe(1);
        string.Join("\n", r.Diagnostics.Where(d => d.Span != null).Select(d => d.Span!.Value.ToDtcString() + " " + d.Message)).ShouldBe(
            "t.dts:1.21-24 Unexpected 'FOO'\nt.dts:1.48-49 Unexpected 'W'\nt.dts:1.48-49 Array elements must be 8, 16, 32 or 64-bits\n" +
            "t.dts:1.51-54 Unexpected 'BAR'");
    }

    [Fact]
    public void Lines_and_columns_follow_newlines()
    {
        var scanner = new DtsScanner(Latin1.GetBytes("a:\n  b:"));
        scanner.Next().ShouldBe((DtsParser.LABEL, 0, 1, 1, 0));
        scanner.Next().ShouldBe((DtsParser.LABEL, 5, 6, 2, 2));
        scanner.Next().Type.ShouldBe(-1);
    }
}

/// <summary>dtc reports a syntax error at end of input where its scanner last matched something, blanks included.</summary>
public class EndOfInputPositionTests
{
    [Theory]
    [InlineData("", "t.dts:0.0")]
    [InlineData("  \n\n", "t.dts:1.1-3.1")]
    [InlineData("/* c */\n", "t.dts:1.8-2.1")]
    [InlineData("/dts-v1/;\n/ { a = <1>; } /* x */ \n  ", "t.dts:2.23-3.3")]
    // A NUL cuts the line marker's file name to nothing; the marker names the next line 0, so its own line is -1.
    [InlineData("# 0 \"\0\"\n", ":-1.8-0.1")]
    public void The_error_is_at_the_last_lexeme(string source, string at)
    {
        var r = Dtc.Compile(source);
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.First(d => d.Descriptor == DtIommu.Syntax.SyntaxDiagnostics.SyntaxError).Span!.Value.ToDtcString().ShouldBe(at);
    }
}

/// <summary>dtc's catch-all scanner rule returns a signed char: NUL and bytes from 0x80 read as end of input.</summary>
public class EndOfInputByteTests
{
    [Theory]
    [InlineData("\0")]
    [InlineData("\u00d9")]
    public void A_nul_or_high_byte_outside_strings_ends_the_input_where_it_stands(string stop)
    {
        var r = Dtc.Compile("/dts-v1/;\n/ { a = <1>; };\n" + stop + " garbage");
        r.ExitCode.ShouldBe(0);
        Dtc.Body(Dtc.ToDts("/dts-v1/;\n/ { a = <1>; };\n" + stop + " garbage")).ShouldBe("/ {\n\ta = <0x01>;\n};\n");
    }

    [Fact]
    public void The_byte_ends_the_whole_input_even_inside_an_included_file()
    {
        var files = new DtIommu.Sources.MemoryFileSource();
        files.Add("t.dts", "/dts-v1/;\n/include/ \"i.dtsi\"\n/ { b = <2>; };\n");
        files.Add("i.dtsi", "/ { a = <1>; };\n\u00d9 x");
        var r = DtIommu.Compilation.DtcCompiler.Compile(new DtIommu.Compilation.DtcOptions { Input = "t.dts", OutputFormat = "dts" }, files);
        r.ExitCode.ShouldBe(0);
        Dtc.Body(DtIommu.Sources.Latin1.GetString(r.Output!)).ShouldBe("/ {\n\ta = <0x01>;\n};\n");
    }
}

/// <summary>dtc checks a literal's suffix and its range separately, so one literal can have both errors.</summary>
public class IntegerLiteralErrorTests
{
    [Fact]
    public void A_bad_literal_that_also_overflows_gets_both_errors_in_dtc_s_order()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ { a = <07777777777777777777777779>; };\n");
        r.ExitCode.ShouldBe(1);
        string.Join("\n", r.Diagnostics.Where(d => d.Span != null).Select(d => d.Span!.Value.ToDtcString() + " " + d.Message)).ShouldBe(
            "t.dts:2.10-36 Bad integer literal '07777777777777777777777779'\n" +
            "t.dts:2.10-36 Integer literal '07777777777777777777777779' out of range");
    }
}
