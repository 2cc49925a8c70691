using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

/// <summary>
/// Corner cases of expansion whose expected tokens were produced by GNU cpp 12 (-undef -x assembler-with-cpp) from
/// the same source saved as main.dts.
/// </summary>
public class CppParityTests
{
    private const string Source =
            "#define f(x) #x\n" +
            "f(  a   b  ) f(\"\\n\") f('\"') f(\\) f(a\\) f( /* c */ x /* d */ y )\n" +
            "#define g(x, y) x ## y\n" +
            "g(a b, c d) g(+, +) g(-, >) g(/, /) g(., 5) g(<, <=) g(a, ) g(, b) g(,)\n" +
            "#define EMPTY\n" +
            "#define LPAREN (\n" +
            "#define RPAREN )\n" +
            "#define F(x, y) x + y\n" +
            "#define ELLIP_FUNC(...) __VA_ARGS__\n" +
            "ELLIP_FUNC(F, LPAREN, 'a', 'b', RPAREN);\n" +
            "#define obj(x) x\n" +
            "#define f2(a) obj(a) obj\n" +
            "f2(1)(2) f2(3) (4)\n" +
            "#define AA BB\n" +
            "#define BB AA\n" +
            "AA BB\n" +
            "#define foo() bar\n" +
            "foo()baz foo( ) foo(EMPTY)\n" +
            "#define str(x) #x\n" +
            "#define xstr(x) str(x)\n" +
            "xstr(__LINE__) xstr(__FILE__) str(__LINE__)\n" +
            "#define cat(a,b) a##b\n" +
            "#define xy 42\n" +
            "cat(x,y) cat(1, e) cat(0x, 1f) cat(1e, +) cat(cat, (1,2))\n" +
            "#define q(x) x\n" +
            "q(#) q(##) q(#define)\n" +
            "#define V(a,...) f(a __VA_OPT__(,) __VA_ARGS__)\n" +
            "V(1) V(1,) V(1,2) V(1, EMPTY)\n" +
            "&cat(uart, 0) cat(pinctrl_, uart0): uart0grp {\n" +
            "label: node@cat(1,0) { reg = <cat(0x, 10) 0x4>; };\n" +
            "#define NODE(n, addr) n##@##addr\n" +
            "NODE(gpio, 1000) NODE(i2c, 0x12)\n" +
            "#define PIN(x) ((x) * 4)\n" +
            "pins = <PIN(1) PIN(PIN(2))>;\n" +
            "#define TWICE(x) x x\n" +
            "TWICE(TWICE(a)) TWICE(,) TWICE((1,2))\n" +
            "#define H #\n" +
            "#define HH # ## #\n" +
            "H HH -H- --H\n" +
            "#define EXP(x) x\n" +
            "EXP(EXP)(1) EXP(EXP(EXP))\n" +
            "#define recur(x) x recur\n" +
            "recur(recur(1))(2)\n" +
            "#define m1 m2(\n" +
            "#define m2(x) [x]\n" +
            "m1 5) m1 m1 6))\n" +
            "#define paren (\n" +
            "#define fl(x) <x>\n" +
            "fl paren 1)\n" +
            "#define AP(x) x'\n" +
            "AP(a) AP(it's) b\n" +
            "#define LINE __LINE__\n" +
            "LINE LINE\n" +
            "EXP(\n" +
            " multi\n" +
            " line\n" +
            " )\n" +
            "";

    private const string GnuCppTokens =
        "\"a b\" \"\\\"\\\\n\\\"\" \"'\\\"'\" \"\" \"a\" \"x y\" a bc d ++ -> / / .5 <<= a b F, (, 'a', 'b', ); 1 2 3 4 AA BB bar baz bar foo \"21\" \"\\\"main.dts\\\"\" \"__LINE__\" 42 1e 0x1f 1e+ cat (1,2) # ## #define \"1\" \"1\" f \"1\" &uart0 pinctrl_uart0: uart0grp { label: node@10 { reg = <0x10 0x4>; }; gpio@ 1000 i2c@ 0x12 pins = <((1) * 4) ((((2) * 4)) * 4)>; a a a a TWICE (1,2) (1,2) # ## -#- --# EXP(1) EXP 1 recur recur(2) [5] [m2]) fl ( 1) a' AP";

    [Fact]
    public void TokensMatchGnuCppOnExpansionCornerCases()
    {
        var r = Run(Source);
        Tokens(r).ShouldBe(GnuCppTokens);
    }

    [Fact]
    public void ErrorsOfTheCornerCasesAreTheOnesGnuCppReports()
    {
        var r = Run(Source);
        // cpp: two invalid-string warnings, "foo" 1 for 0, "f" 2 for 1 (only V(1,2): V(1, EMPTY) has no variable
        // arguments after expansion), "TWICE" 2 for 1, and two unterminated argument lists.
        Describe(r).ShouldBe(new[]
        {
            "pp-suspicious main.dts:2.29-30: invalid string literal, ignoring final '\\'",
            "pp-suspicious main.dts:2.34-35: invalid string literal, ignoring final '\\'",
            "pp-macro-arguments main.dts:18.17-20: macro \"foo\" passed 1 arguments, but takes just 0",
            "pp-macro-arguments main.dts:28.12-13: macro \"f\" passed 2 arguments, but takes just 1",
            "pp-macro-arguments main.dts:36.17-22: macro \"TWICE\" passed 2 arguments, but takes just 1",
            "pp-macro-arguments main.dts:46.7-9: unterminated argument list invoking macro \"m2\"",
            "pp-macro-arguments main.dts:51.7-9: unterminated argument list invoking macro \"AP\"",
        });
    }
}
