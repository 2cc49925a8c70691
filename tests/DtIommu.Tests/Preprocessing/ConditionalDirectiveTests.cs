using DtIommu.Preprocessing;
using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

public class ConditionalDirectiveTests
{
    [Fact]
    public void IfdefIfndefElseEndif()
    {
        var r = Run("#define A\n#ifdef A\na\n#else\nnot_a\n#endif\n#ifndef A\nnot_a2\n#else\na2\n#endif\n");
        Tokens(r).ShouldBe("a a2");
        r.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void ElifChainTakesFirstTrueBranchAndDoesNotEvaluateLaterOnes()
    {
        // The last #elif would divide by zero if it were evaluated.
        var r = Run("#if 0\nzero\n#elif 2 > 1\ntwo\n#elif 1\none\n#elif 1/0\nbad\n#else\nelse\n#endif\n");
        Tokens(r).ShouldBe("two");
        r.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void ElifdefAndElifndef()
    {
        var r = Run("#define B\n#ifdef A\na\n#elifdef B\nb\n#endif\n#ifdef A\na\n#elifndef C\nnot_c\n#endif\n");
        Tokens(r).ShouldBe("b not_c");
    }

    [Fact]
    public void NestedGroupsInsideSkippedGroupsAreSkippedWithoutEvaluation()
    {
        var r = Run("#if 0\n#if 1/0\nx\n#else\ny\n#endif\n#garbage directive\n#error not reached\n#endif\nz\n");
        Tokens(r).ShouldBe("z");
        r.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void SkippedLinesBecomeBlankLinesOrAResyncMarker()
    {
        var shortSkip = Run("a\n#if 0\n1\n2\n#endif\nb\n");
        Body(shortSkip).ShouldBe("a\n\n\n\n\nb\n");
        var longSkip = Run("a\n#if 0\n1\n2\n3\n4\n5\n6\n7\n8\n#endif\nb\n");
        Body(longSkip).ShouldBe("a\n# 12 \"main.dts\"\nb\n");
    }

    [Fact]
    public void UnterminatedConditionalIsLocatedAtItsDirective()
    {
        var r = Run("a\n  #ifdef X\n#if 1\nb\n#endif\n");
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[] { "pp-unterminated-conditional main.dts:2.4-9: unterminated #ifdef" });
    }

    [Fact]
    public void ConditionalsMayNotSpanFiles()
    {
        var r = Run("#if 1\n#include \"a.h\"\n", ("a.h", "#endif\n#else\n"));
        Describe(r).ShouldBe(new[]
        {
            "pp-unbalanced-conditional a.h:1.2-7: #endif without #if",
            "pp-unbalanced-conditional a.h:2.2-6: #else without #if",
            "pp-unterminated-conditional main.dts:1.2-4: unterminated #if",
        });
    }

    [Fact]
    public void ElseAfterElseAndElifAfterElseAreErrors()
    {
        var r = Run("#if 1\n#else\n#else\n#elif 1\n#endif\n#endif\n");
        Describe(r).ShouldBe(new[]
        {
            "pp-unbalanced-conditional main.dts:3.2-6: #else after #else",
            "pp-unbalanced-conditional main.dts:4.2-6: #elif after #else",
            "pp-unbalanced-conditional main.dts:6.2-7: #endif without #if",
        });
    }

    [Fact]
    public void ExtraTokensAfterEndifWarn()
    {
        var r = Run("#ifdef A B\n#endif A\n");
        r.Success.ShouldBeTrue();
        Describe(r).ShouldBe(new[]
        {
            "pp-extra-tokens main.dts:1.10-11: extra tokens at end of #ifdef directive",
            "pp-extra-tokens main.dts:2.8-9: extra tokens at end of #endif directive",
        });
    }

    [Fact]
    public void ErrorAndWarningDirectivesReportTheirText()
    {
        var r = Run("#warning careful  now\n#ifdef __DTS__\n#error \"stop\" here\n#endif\n");
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[]
        {
            "pp-warning-directive main.dts:1.2-9: #warning careful now",
            "pp-error-directive main.dts:3.2-7: #error \"stop\" here",
        });
        r.Diagnostics[0].Severity.ShouldBe(DtIommu.Diagnostics.Severity.Warning);
    }

    [Fact]
    public void NonDirectiveHashLinesPassThroughUntouched()
    {
        var r = Run("/ {\n\t#address-cells = <1>;\n\t#size-cells = <0>;\n#\n# 5 \"x.c\"\n};\n");
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe("/ {\n\t#address-cells = <1>;\n\t#size-cells = <0>;\n\n# 5 \"x.c\"\n};\n");
    }

    [Fact]
    public void HashIncludeCellsIsAMalformedIncludeAsInGnuCpp()
    {
        // GNU cpp reads "#include-cells" as the directive #include followed by "-cells": an error, not text.
        var r = Run("#include-cells = <1>;\n");
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[] { "pp-invalid-directive main.dts:1.9-10: #include expects \"FILENAME\" or <FILENAME>" });
    }

    [Fact]
    public void LineDirectiveRenumbersAndRenamesWithAMarker()
    {
        var r = Run("a\n#line 40 \"gen.dts\"\nb\n#line 7\nc\n#line x\n");
        Body(r).ShouldBe("a\n# 40 \"gen.dts\"\nb\n# 7 \"gen.dts\"\nc\n");
        Describe(r).ShouldBe(new[] { "pp-invalid-directive gen.dts:8.7-8: \"x\" after #line is not a positive integer" });
    }

    [Fact]
    public void PragmaIdentAndSkippedIncludesProduceNothingLikeCppInAssemblerMode()
    {
        var r = Run("a\n#pragma foo bar(1)\n#ident \"v1\"\nb __COUNTER__ __COUNTER__ __BASE_FILE__\n#if 0\n#include \"missing.h\"\n#endif\n");
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe("a\n\n\nb 0 1 \"main.dts\"\n");
    }
}
