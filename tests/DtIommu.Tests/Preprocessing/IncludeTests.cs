using DtIommu.Preprocessing;
using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

public class IncludeTests
{
    [Fact]
    public void EnteringAndLeavingFilesWritesCppMarkers()
    {
        var r = Run("/dts-v1/;\n#include \"soc.dtsi\"\n/ { };\n", ("soc.dtsi", "/ { soc; };\n"));
        r.Success.ShouldBeTrue();
        Body(r).ShouldBe("/dts-v1/;\n# 1 \"soc.dtsi\" 1\n/ { soc; };\n# 3 \"main.dts\" 2\n/ { };\n");
    }

    [Fact]
    public void QuotedFormSearchesTheIncludersDirectoryFirstAngledFormOnlyTheSearchPath()
    {
        var r = Run(o => { o.IncludeDirs.Add("inc"); o.IncludeDirs.Add("inc2/"); },
            "#include \"sub/a.dtsi\"\n#include <b.h>\n#include <c.h>\n",
            ("sub/a.dtsi", "#include \"b.h\"\n"), ("sub/b.h", "sub_b\n"), ("inc/b.h", "inc_b\n"), ("inc2/c.h", "c\n"));
        r.Success.ShouldBeTrue();
        Tokens(r).ShouldBe("sub_b inc_b c");
        r.Dependencies.ShouldBe(new[] { "main.dts", "sub/a.dtsi", "sub/b.h", "inc/b.h", "inc2/c.h" });
        r.Text.ShouldContain("# 1 \"inc2/c.h\" 1\n");
    }

    [Fact]
    public void PathsAreSpelledAsCppSpellsThem()
    {
        var r = Run(o => o.IncludeDirs.Add("."), "#include \"sub/s.dtsi\"\n#include <inc.h>\n",
            ("sub/s.dtsi", "#include \"../inc.h\"\n"), ("sub/../inc.h", "x\n"), ("./inc.h", "y\n"));
        r.Text.ShouldContain("# 1 \"sub/../inc.h\" 1\n");
        r.Text.ShouldContain("# 1 \"./inc.h\" 1\n");
        // Dependency lists drop a leading "./" as cpp -M does.
        r.Dependencies.ShouldBe(new[] { "main.dts", "sub/s.dtsi", "sub/../inc.h", "inc.h" });
    }

    [Fact]
    public void IncludeNextContinuesAfterTheDirectoryOfTheCurrentFile()
    {
        var r = Run(o => { o.IncludeDirs.Add("a"); o.IncludeDirs.Add("b"); }, "#include <h.h>\n",
            ("a/h.h", "first\n#include_next <h.h>\n"), ("b/h.h", "second\n"));
        Tokens(r).ShouldBe("first second");
    }

    [Fact]
    public void MissingHeaderIsFatalAndLocatedAtTheName()
    {
        var r = Run("a\n#include \"x.dtsi\"\n", ("x.dtsi", "b\n  #include <dt-bindings/none.h>\nc\n"));
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[] { "pp-missing-include x.dtsi:2.12-13: dt-bindings/none.h: No such file or directory" });
        Tokens(r).ShouldBe("a b");
    }

    [Fact]
    public void MissingMainFileIsReported()
    {
        var r = new Preprocessor(new PreprocessorOptions { ReadFile = _ => null }).Run("nothere.dts");
        r.Success.ShouldBeFalse();
        r.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("nothere.dts: No such file or directory");
    }

    [Fact]
    public void IncludeCycleIsAnErrorNotAHang()
    {
        var r = Run("#include \"a.dtsi\"\nend\n", ("a.dtsi", "a\n#include \"b.dtsi\"\n"), ("b.dtsi", "b\n#include \"a.dtsi\"\n#include \"a.dtsi\"\n"));
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[]
        {
            "pp-include-cycle b.dtsi:2.2-9: #include cycle: a.dtsi -> b.dtsi -> a.dtsi",
            "pp-include-cycle b.dtsi:3.2-9: #include cycle: a.dtsi -> b.dtsi -> a.dtsi",
        });
        r.Diagnostics[0].Related.Select(s => s.ToString()).ShouldBe(new[] { "a.dtsi:2.2-9" });
        Tokens(r).ShouldBe("a b end");
    }

    [Fact]
    public void SelfInclusionThatChangesMacrosIsAllowed()
    {
        var r = Run("#include \"r.h\"\n", ("r.h", "#ifndef PASS\n#define PASS\nfirst\n#include \"r.h\"\n#else\nsecond\n#endif\n"));
        r.Success.ShouldBeTrue();
        Tokens(r).ShouldBe("first second");
    }

    [Fact]
    public void RecursionBeyondTheDepthLimitIsAnError()
    {
        // Each level defines a new macro, so this is not a cycle; it is still bounded.
        var r = Run(o => o.MaxIncludeDepth = 10, "#include \"d.h\"\n", ("d.h", "#define X __COUNTER__\n#include \"d.h\"\n"));
        r.Success.ShouldBeFalse();
        var d = Single(r, PreprocessorDiagnostics.IncludeDepth);
        d.Message.ShouldBe("#include nested depth 10 exceeds maximum of 10");
    }

    [Fact]
    public void GuardedHeaderIncludedTwiceIsEnteredOnce()
    {
        var r = Run("#include \"g.h\"\n#include \"g.h\"\nG\n", ("g.h", "/* guard */\n#ifndef G_H\n#define G_H\n#define G 1\n#endif\n"));
        Body(r).ShouldBe("# 1 \"g.h\" 1\n# 2 \"main.dts\" 2\n\n1\n");
        r.Dependencies.ShouldBe(new[] { "main.dts", "g.h" });
    }

    [Fact]
    public void PragmaOnceAndImportIncludeOnce()
    {
        var r = Run("#include \"o.h\"\n#include \"o.h\"\n#import \"i.h\"\n#import \"i.h\"\n", ("o.h", "#pragma once\no\n"), ("i.h", "i\n"));
        Tokens(r).ShouldBe("o i");
    }

    [Fact]
    public void MalformedIncludes()
    {
        var r = Run("#include\n#include <a.h\n#include \"\"\n");
        Describe(r).ShouldBe(new[]
        {
            "pp-invalid-directive main.dts:1.2-9: #include expects \"FILENAME\" or <FILENAME>",
            "pp-invalid-directive main.dts:2.10-11: missing terminating > character",
            "pp-invalid-directive main.dts:3.2-9: empty filename in #include",
        });
    }
}
