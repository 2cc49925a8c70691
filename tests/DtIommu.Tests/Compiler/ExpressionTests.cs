using DtIommu.Syntax;

namespace DtIommu.Tests.Compiler;

public class ExpressionTests
{
    private static string Cells(string expr) =>
        Dtc.Body(Dtc.ToDts($"/dts-v1/; / {{ p = <{expr}>; }};")).Split('<', '>')[1];

    [Theory]
    [InlineData("(1 + 2 * 3)", "0x07")]
    [InlineData("((1 + 2) * 3)", "0x09")]
    [InlineData("(1 << 4 | 4 + 2 * 2)", "0x18")]
    [InlineData("(-1 / 2)", "0xffffffff")]
    [InlineData("(1 << 64)", "0x00")]
    [InlineData("(0xffffffff >> 64)", "0x00")]
    [InlineData("(7 % 4)", "0x03")]
    [InlineData("(1 ? 2 : 0 ? 3 : 4)", "0x02")]
    [InlineData("(0 ? 2 : 0 ? 3 : 4)", "0x04")]
    [InlineData("(!0 + ~0 + 1)", "0x01")]
    [InlineData("(3 > 2 && 2 >= 2 || 0)", "0x01")]
    [InlineData("(1 == 1 != 0)", "0x01")]
    [InlineData("(0x5 ^ 0x3 & 0x6)", "0x07")]
    [InlineData("('a' + 1)", "0x62")]
    [InlineData("(-2147483649)", "0x7fffffff")]
    public void Expressions_are_unsigned_64_bit_with_c_precedence(string expr, string expected) =>
        Cells(expr).ShouldBe(expected);

    [Fact]
    public void Unsigned_division_of_minus_one_in_64_bits()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { p = /bits/ 64 <(-1 / 2)>; };")).ShouldContain("<0x7fffffffffffffff>");
    }

    [Fact]
    public void Value_too_wide_for_its_cells_is_truncated_with_a_located_warning()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\tp = < (0x1ffffffff) >;\n};\n", new() { OutputFormat = "dts" });
        r.ExitCode.ShouldBe(0);
        var w = r.Diagnostics.Single();
        w.Descriptor.ShouldBe(SyntaxDiagnostics.ValueTruncated);
        w.Message.ShouldBe("Value 0x00000001ffffffff truncated to 0xffffffff");
        w.Span!.Value.ToDtcString().ShouldBe("t.dts:3.8-21");
    }

    [Fact]
    public void Division_by_zero_is_an_error_spanning_the_division()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\tp = <(1 / 0)>;\n};\n");
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.First(d => d.Message == "Division by zero");
        e.Span!.Value.ToDtcString().ShouldBe("t.dts:3.8-13");
    }

    [Fact]
    public void Bits_other_than_8_16_32_64_is_an_error()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = /bits/ 7 <1>; };");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.ShouldContain(d => d.Message == "Array elements must be 8, 16, 32 or 64-bits");
    }

    [Fact]
    public void References_only_in_32_bit_arrays()
    {
        var r = Dtc.Compile("/dts-v1/; / { p = /bits/ 16 <&n>; n: n { }; };");
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.ShouldContain(d => d.Message == "References are only allowed in arrays with 32-bit elements.");
    }

    [Fact]
    public void Sized_cells_are_stored_big_endian_and_truncated_to_width()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { a = /bits/ 8 <0x12 (-1)>; b = /bits/ 16 <0x1234>; c = /bits/ 64 <0x1 0x123456789>; };"))
            .ShouldBe("/ {\n\ta = [12 ff];\n\tb = /bits/ 16 <0x1234>;\n\tc = /bits/ 64 <0x01 0x123456789>;\n};\n");
    }
}
