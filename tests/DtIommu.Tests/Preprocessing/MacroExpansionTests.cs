using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

public class MacroExpansionTests
{
    [Fact]
    public void ObjectLikeMacroExpandsAndDirectiveLinesBecomeBlank()
    {
        var r = Run("#define ADDR 0x1000\nreg = <ADDR 4>;\n");
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe("\nreg = <0x1000 4>;\n");
    }

    [Fact]
    public void FunctionLikeMacroWithoutParenthesisIsNotInvoked()
    {
        var r = Run("#define F(x) [x]\nF F(1) F (2)\n");
        Body(r).ShouldBe("\nF [1] [2]\n");
    }

    [Fact]
    public void Standard_6_10_3_5_Example3()
    {
        var r = Run("""
            #define x 3
            #define f(a) f(x * (a))
            #undef x
            #define x 2
            #define g f
            #define z z[0]
            #define h g(~
            #define m(a) a(w)
            #define w 0,1
            #define t(a) a
            #define p() int
            #define q(x) x
            #define r(x,y) x ## y
            #define str(x) # x
            f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
            g(x+(3,4)-w) | h 5) & m
            (f)^m(m);
            p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
            char c[2][6] = { str(hello), str() };

            """);
        r.Success.ShouldBeTrue();
        // Byte-identical to GNU cpp 12 -x assembler-with-cpp on the same input.
        Body(r).ShouldBe(
            "# 15 \"main.dts\"\n" +
            "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);\n" +
            "f(2 * (2 +(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);\n" +
            "\n" +
            "int i[] = { 1, 23, 4, 5, };\n" +
            "char c[2][6] = { \"hello\", \"\" };\n");
    }

    [Fact]
    public void Standard_6_10_3_5_Example4_StringizingPastingAndComputedInclude()
    {
        var r = Run("""
            #define str(s) # s
            #define xstr(s) str(s)
            #define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
             x ## s, x ## t)
            #define INCFILE(n) vers ## n
            #define glue(a, b) a ## b
            #define xglue(a, b) glue(a, b)
            #define HIGHLOW "hello"
            #define LOW LOW ", world"
            debug(1, 2);
            fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
             == 0) str(: @\n), s);
            #include xstr(INCFILE(2).h)
            glue(HIGH, LOW);
            xglue(HIGH, LOW)

            """, ("vers2.h", "vers2 contents\n"));
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe(
            "# 10 \"main.dts\"\n" +
            "printf(\"x\" \"1\" \"= %d, x\" \"2\" \"= %s\", x1, x2);\n" +
            "fputs(\"strncmp(\\\"abc\\\\0d\\\", \\\"abc\\\", '\\\\4') == 0\" \": @\\n\", s);\n" +
            "\n" +
            "# 1 \"vers2.h\" 1\n" +
            "vers2 contents\n" +
            "# 14 \"main.dts\" 2\n" +
            "\"hello\";\n" +
            "\"hello\" \", world\"\n");
        r.Dependencies.ShouldBe(new[] { "main.dts", "vers2.h" });
    }

    [Fact]
    public void Standard_6_10_3_5_Example5_PlacemarkersAndExample7_VariadicMacros()
    {
        var r = Run("""
            #define t(x,y,z) x ## y ## z
            int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
            t(10,,), t(,11,), t(,,12), t(,,) };
            #define debug(...) fprintf(stderr, __VA_ARGS__)
            #define showlist(...) puts(#__VA_ARGS__)
            #define report(test, ...) ((test)?puts(#test):\
            printf(__VA_ARGS__))
            debug("Flag");
            debug("X = %d\n", x);
            showlist(The first, second, and third items.);
            report(x>y, "x is %d but y is %d", x, y);

            """);
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe(
            "\n" +
            "int j[] = { 123, 45, 67, 89,\n" +
            "10, 11, 12, };\n" +
            "\n\n\n\n" +
            "fprintf(stderr, \"Flag\");\n" +
            "fprintf(stderr, \"X = %d\\n\", x);\n" +
            "puts(\"The first, second, and third items.\");\n" +
            "((x>y)?puts(\"x>y\"):printf(\"x is %d but y is %d\", x, y));\n");
    }

    [Fact]
    public void MacroIsNotExpandedInsideItsOwnExpansion()
    {
        var r = Run("#define foo foo bar\n#define a b\n#define b a\nfoo a b\n");
        Tokens(r).ShouldBe("foo bar a b");
    }

    [Fact]
    public void RescanExpandsMacrosProducedByExpansionAndPasting()
    {
        var r = Run("#define CAT(a, b) a ## b\n#define AB 42\n#define ID(x) x\n#define F ID\nCAT(A, B) F(7)\n");
        Tokens(r).ShouldBe("42 7");
    }

    [Fact]
    public void GnuCommaPasteAndNamedVariadicAndVaOpt()
    {
        var r = Run("""
            #define E(fmt, args...) f(fmt, ## args)
            #define V(x, ...) x __VA_OPT__(y) __VA_ARGS__
            E(1) E(1, 2, 3) V(1) V(1,2)

            """);
        Tokens(r).ShouldBe("f(1) f(1, 2, 3) 1 1 y 2");
    }

    [Fact]
    public void HashNotFollowedByParameterIsKeptInAssemblerMode()
    {
        var r = Run("#define H(a) # a #x a\nH(z)\n");
        r.Success.ShouldBeTrue();
        Tokens(r).ShouldBe("\"z\" #x z");
    }

    [Fact]
    public void CppTokenizationExpandsMacroPartsOfDtsNames()
    {
        // cpp lexes C tokens: in "FOO-bar" and "#size-cells" the identifiers FOO and cells are macros.
        var r = Run("#define FOO gpio\n#define cells 3\nFOO-bar = <1>;\n#size-cells = <cells>;\n");
        Body(r).ShouldBe("\n\ngpio-bar = <1>;\n#size-3 = <3>;\n");
    }

    [Fact]
    public void StringsCharactersAndUnmatchedQuotesAreNotExpanded()
    {
        var r = Run("#define A 7\nx = \"A\" 'A' A;\nit's A /* c */ A\n");
        // An unmatched quote makes the rest of the line one opaque token in assembler mode, comment included.
        Body(r).ShouldBe("\nx = \"A\" 'A' 7;\nit's A /* c */ A\n");
        r.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void AvoidsAccidentalPastingLikeCpp()
    {
        var r = Run("#define EMPTY\n#define M -\n-EMPTY- -M +EMPTY+\n");
        Body(r).ShouldBe("\n\n- - - - + +\n");
    }

    [Fact]
    public void CommentsAreWhitespaceAndLineContinuationsJoinLines()
    {
        var r = Run("#define X 1 /* one */ + \\\n  2\nval = <X>; // done\n");
        Body(r).ShouldBe("\n\nval = <1 + 2>;\n");
    }

    [Fact]
    public void ArgumentsMaySpanLinesAndFollowingLinesStayInPlace()
    {
        var r = Run("#define P(a, b) <a b>\nx = P(1,\n  2);\ny;\n");
        Body(r).ShouldBe("\nx = <1 2>;\n\ny;\n");
    }

    [Fact]
    public void FileAndLineBuiltinsUsePresumedPositions()
    {
        var r = Run("#define HERE __LINE__\na __FILE__ __LINE__\nb HERE\n#line 100 \"renamed.dts\"\nc __FILE__ __LINE__ __INCLUDE_LEVEL__\n");
        Tokens(r).ShouldBe("a \"main.dts\" 2 b 3 c \"renamed.dts\" 100 0");
    }

    [Fact]
    public void PredefinedMacrosAreExactlyCppUndefSet()
    {
        var r = Run("__STDC__ __STDC_HOSTED__ __ASSEMBLER__ __DTS__ __GNUC__ __linux__ __STDC_VERSION__\n");
        Tokens(r).ShouldBe("1 1 1 1 __GNUC__ __linux__ __STDC_VERSION__");
        var off = Run(o => o.DefineDts = false, "__DTS__\n");
        Tokens(off).ShouldBe("__DTS__");
    }

    [Fact]
    public void CommandLineDefinesAndUndefinesApplyInOrder()
    {
        var r = Run(o => o.Define("A").Define("B=2").Define("F(x)=x+1").Define("C=3").Undefine("C").Undefine("__DTS__"),
            "A B F(5) C __DTS__\n");
        Tokens(r).ShouldBe("1 2 5 +1 C __DTS__");
    }

    [Fact]
    public void BadCommandLineMacrosAreReportedAtTheCommandLine()
    {
        var r = Run(o => o.Define("1X=2").Undefine("-"), "x\n");
        r.Success.ShouldBeFalse();
        // Like cpp, the file is still preprocessed.
        Tokens(r).ShouldBe("x");
        Describe(r).ShouldBe(new[]
        {
            "pp-invalid-directive <command-line>:1.1-3: macro names must be identifiers",
            "pp-invalid-directive <command-line>:1.1-2: macro names must be identifiers",
        });
    }

    [Fact]
    public void WrongArgumentCountIsLocated()
    {
        var r = Run("#define F(a, b) a\n\n  F(1)\nF(1,2,3)\n");
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[]
        {
            "pp-macro-arguments main.dts:3.3-4: macro \"F\" requires 2 arguments, but only 1 given",
            "pp-macro-arguments main.dts:4.1-2: macro \"F\" passed 3 arguments, but takes just 2",
        });
    }

    [Fact]
    public void UnterminatedArgumentListStopsAtEndOfFile()
    {
        var r = Run("#define F(a) a\nF(1,\n");
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[] { "pp-macro-arguments main.dts:2.1-2: unterminated argument list invoking macro \"F\"" });
    }

    [Fact]
    public void RedefinitionWarnsWithPreviousLocation()
    {
        var r = Run("#define A 1\n#define A 1\n#define A 2\n");
        r.Success.ShouldBeTrue();
        var d = Single(r, DtIommu.Preprocessing.PreprocessorDiagnostics.MacroRedefined);
        d.Message.ShouldBe("\"A\" redefined");
        d.Span!.Value.ToString().ShouldBe("main.dts:3.9-10");
        // As in cpp, an identical redefinition still replaces the definition, so "previous" is line 2.
        d.Related.Single().ToString().ShouldBe("main.dts:2.9-10");
    }

    [Fact]
    public void MalformedDefinesAreErrors()
    {
        var r = Run("#define\n#define 1x\n#define defined\n#define F(a, a) a\n#define G(a b) a\n#define H(a) ## a\n");
        Describe(r).ShouldBe(new[]
        {
            "pp-invalid-directive main.dts:1.2-8: no macro name given in #define directive",
            "pp-invalid-directive main.dts:2.9-11: macro names must be identifiers",
            "pp-invalid-directive main.dts:3.9-16: \"defined\" cannot be used as a macro name",
            "pp-invalid-directive main.dts:4.14-15: duplicate macro parameter \"a\"",
            "pp-invalid-directive main.dts:5.13-14: expected ',' or ')', found \"b\"",
            "pp-invalid-directive main.dts:6.14-16: '##' cannot appear at either end of a macro expansion",
        });
    }

    [Fact]
    public void ExponentialExpansionIsStoppedNotHung()
    {
        var src = new System.Text.StringBuilder();
        for (int i = 0; i < 40; i++) src.Append($"#define M{i} M{i + 1} M{i + 1}\n");
        src.Append("M0\n");
        var r = Run(src.ToString());
        r.Success.ShouldBeFalse();
        Single(r, DtIommu.Preprocessing.PreprocessorDiagnostics.MacroRecursion).Span!.Value.ToString().ShouldBe("main.dts:41.1-3");
    }
}
