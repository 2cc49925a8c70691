using DtIommu.Tests.Cli;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// Diagnostics come out in the order of dtc's bison parser: it reduces a cell or an operand as soon as its last
/// token is shifted (reporting a division by zero or a reference in a non-32-bit array then), and scans the next
/// token, with its lexical error, only after that. Each case is a minimised fuzz input; the expected stderr is
/// dtc's (1.6.1 and 1.8.1 agree on all of them).
/// </summary>
public class ReductionOrderTests
{
    private static void ShouldPrintAsDtc(string source, int exitCode, string stderr)
    {
        var dir = CliProcess.TempDir();
        try
        {
            File.WriteAllText(Path.Combine(dir, "in.dts"), "/dts-v1/;\n" + source);
            var r = CliProcess.Run(dir, null, "-O", "dtb", "-o", "out.dtb", "in.dts");
            r.Stderr.ShouldBe(stderr);
            r.ExitCode.ShouldBe(exitCode);
            File.Exists(Path.Combine(dir, "out.dtb")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Division_by_zero_in_an_unfinished_property_comes_before_the_syntax_error()
    {
        ShouldPrintAsDtc("/ {\n\tp = <(1 / 0 }\n", 1,
            "Error: in.dts:3.8-13 Division by zero\n" +
            "Error: in.dts:3.14-15 syntax error\n" +
            "FATAL ERROR: Unable to parse input tree\n");
    }

    [Fact]
    public void Reference_in_an_unfinished_64_bit_array_comes_before_the_syntax_error()
    {
        ShouldPrintAsDtc("/ {\n\tp = /bits/ 64 <&l }\n", 1,
            "Error: in.dts:3.17-19 References are only allowed in arrays with 32-bit elements.\n" +
            "Error: in.dts:3.20-21 syntax error\n" +
            "FATAL ERROR: Unable to parse input tree\n");
    }

    [Fact]
    public void Reference_in_a_16_bit_array_comes_before_the_next_cells_lexical_error()
    {
        ShouldPrintAsDtc("/ {\n\tp = /bits/ 16 <&l 0xffffffffffffffffff>;\n};\n", 1,
            "Error: in.dts:3.17-19 References are only allowed in arrays with 32-bit elements.\n" +
            "Lexical error: in.dts:3.20-40 Integer literal '0xffffffffffffffffff' out of range\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Reference_in_an_8_bit_array_comes_before_a_bad_character_literal()
    {
        ShouldPrintAsDtc("/ {\n\tp = /bits/ 8 <&l 'ab'>;\n};\n", 1,
            "Error: in.dts:3.16-18 References are only allowed in arrays with 32-bit elements.\n" +
            "Lexical error: in.dts:3.19-23 Character literal has 2 characters instead of 1\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Division_by_zero_in_a_cell_comes_before_the_next_cells_lexical_error()
    {
        ShouldPrintAsDtc("/ {\n\tp = <(1 / 0) 18446744073709551616>;\n};\n", 1,
            "Error: in.dts:3.8-13 Division by zero\n" +
            "Lexical error: in.dts:3.15-35 Integer literal '18446744073709551616' out of range\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Remainder_by_zero_under_a_prefix_operator_is_reported_when_its_divisor_ends()
    {
        ShouldPrintAsDtc("/ {\n\tp = <7 (2 * -(3 % 0)) 08>;\n};\n", 1,
            "Error: in.dts:3.16-21 Division by zero\n" +
            "Lexical error: in.dts:3.24-26 Bad integer literal '08'\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Division_by_zero_in_a_reservation_comes_before_its_second_values_lexical_error()
    {
        ShouldPrintAsDtc("/memreserve/ (1 / 0) 0x1ffffffffffffffffffff;\n/ { };\n", 1,
            "Error: in.dts:2.15-20 Division by zero\n" +
            "Lexical error: in.dts:2.22-45 Integer literal '0x1ffffffffffffffffffff' out of range\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Header_flags_are_compared_when_the_headers_end_from_the_last_pair_back()
    {
        ShouldPrintAsDtc("/dts-v1/; /plugin/;\n/dts-v1/;\n/ {\n\tp = <(1 / 0)>;\n};\n", 1,
            "Error: in.dts:3.1-10 Header flags don't match earlier ones\n" +
            "Error: in.dts:2.1-3.10 Header flags don't match earlier ones\n" +
            "Error: in.dts:5.8-13 Division by zero\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }

    [Fact]
    public void Missing_incbin_file_stops_the_compile_before_the_next_token()
    {
        ShouldPrintAsDtc("/ {\n\tp = /incbin/(\"missing\"), 0x1ffffffffffffffffffff;\n", 1,
            "FATAL ERROR: Couldn't open \"missing\": No such file or directory\n");
    }

    // dtc 1.8.1's wording (1.6.1 made this an error: "Value out of range for 8-bit array element").
    [Fact]
    public void Truncation_warning_comes_before_the_next_cells_lexical_error()
    {
        ShouldPrintAsDtc("/ {\n\tp = /bits/ 8 <0x1ff 08>;\n};\n", 1,
            "WARNING: in.dts:3.16-21: Value 0x00000000000001ff truncated to 0xff\n" +
            "Lexical error: in.dts:3.22-24 Bad integer literal '08'\n" +
            "FATAL ERROR: Syntax error parsing input tree\n");
    }
}
