using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

public class ConstantExpressionTests
{
    private static string Eval(string expr, string prelude = "")
    {
        var r = Run($"{prelude}#if {expr}\nT\n#else\nF\n#endif\n");
        r.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        return Tokens(r);
    }

    [Theory]
    [InlineData("1 + 2 * 3 == 7", "T")]
    [InlineData("(1 + 2) * 3 == 9", "T")]
    [InlineData("10 / 3 == 3 && 10 % 3 == 1", "T")]
    [InlineData("-1 < 0", "T")]
    [InlineData("-1 < 0u", "F")]
    [InlineData("0xffffffffffffffff == -1", "T")]
    [InlineData("18446744073709551615 > 0", "T")]
    [InlineData("1 << 63 < 0", "T")]
    [InlineData("-16 >> 2 == -4", "T")]
    [InlineData("~0 == -1 && !0 == 1", "T")]
    [InlineData("(0x0F & 0x3C) == 0x0C && (1 | 6) == 7 && (5 ^ 1) == 4", "T")]
    [InlineData("1 ? 2 : 3 == 2", "T")]
    [InlineData("0 ? 1 : 0", "F")]
    [InlineData("(1, 0)", "F")]
    [InlineData("'a' == 97 && '\\n' == 10 && '\\377' < 0", "T")]
    [InlineData("0b101 == 5 && 017 == 15 && 10UL == 10", "T")]
    [InlineData("UNDEFINED_NAME == 0", "T")]
    [InlineData("0 && 1 / 0", "F")]
    [InlineData("1 || 1 / 0", "T")]
    public void Evaluates(string expr, string expected) => Eval(expr).ShouldBe(expected);

    [Fact]
    public void DefinedWithAndWithoutParenthesesAndThroughMacros()
    {
        Eval("defined A && defined(B) && !defined C", "#define A\n#define B 0\n").ShouldBe("T");
        Eval("TWO * 2 == 4 && F(3) == 4", "#define TWO 2\n#define F(x) (x + 1)\n").ShouldBe("T");
    }

    [Fact]
    public void HasIncludeLooksThroughTheSearchPath()
    {
        var r = Run(o => o.IncludeDirs.Add("inc"), "#if __has_include(<a.h>) && !__has_include(\"b.h\")\nT\n#endif\n", ("inc/a.h", ""));
        Tokens(r).ShouldBe("T");
    }

    [Theory]
    [InlineData("", "main.dts:1.5: #if with no expression")]
    [InlineData("1 +", "main.dts:1.8: operator '+' has no right operand")]
    [InlineData("(1", "main.dts:1.5-6: missing ')' in expression")]
    [InlineData("1 2", "main.dts:1.7-8: missing binary operator before token \"2\"")]
    [InlineData("1 / 0", "main.dts:1.7-8: division by zero in #if")]
    [InlineData("\"s\"", "main.dts:1.5-8: token \"\"s\"\" is not valid in preprocessor expressions")]
    [InlineData("1.5", "main.dts:1.5-8: floating constant in preprocessor expression")]
    [InlineData("defined", "main.dts:1.12: operator \"defined\" requires an identifier")]
    [InlineData("defined(X", "main.dts:1.14: missing ')' after \"defined\"")]
    [InlineData("1 ? 2", "main.dts:1.10: '?' without following ':'")]
    [InlineData("()", "main.dts:1.6-7: missing expression between '(' and ')'")]
    [InlineData("08", "main.dts:1.5-7: invalid digit \"8\" in octal constant")]
    [InlineData("1 = 1", "main.dts:1.7-8: token \"=\" is not valid in preprocessor expressions")]
    // Positions are those GNU cpp 12 reports for the same lines.
    public void BadExpressionsAreLocatedAndTreatedAsFalse(string expr, string expected)
    {
        var r = Run($"#if {expr}\nT\n#else\nF\n#endif\n");
        r.Success.ShouldBeFalse();
        var d = r.Diagnostics.ShouldHaveSingleItem();
        d.Descriptor.Name.ShouldBe("pp-bad-expression");
        $"{d.Span}: {d.Message}".ShouldBe(expected);
        Tokens(r).ShouldBe("F");
    }
}
