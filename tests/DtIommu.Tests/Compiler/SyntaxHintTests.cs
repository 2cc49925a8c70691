using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Tests.Compiler;

/// <summary>The advice printed after dtc's bare "syntax error" for a preprocessor directive and a missing ';'.</summary>
public class SyntaxHintTests
{
    private static string? Hint(string dts, bool cpp = false)
    {
        var files = new MemoryFileSource().Add("b.dts", dts);
        var result = DtcCompiler.Compile(new DtcOptions { Input = "b.dts", OutputFormat = "dtb", Preprocess = cpp }, files);
        var error = result.Diagnostics.Single(d => d.Descriptor == SyntaxDiagnostics.SyntaxError);
        return SyntaxHints.For(error, files, cpp);
    }

    [Fact]
    public void An_include_without_the_preprocessor_points_at_cpp() =>
        Hint("/dts-v1/;\n#include \"x.h\"\n/ { };\n").ShouldBe("hint: '#include' is a C preprocessor directive: compile with --cpp, the built-in preprocessor, or run cpp first");

    [Fact]
    public void A_property_without_its_semicolon_is_named_by_line() =>
        Hint("/dts-v1/;\n/ {\n\ta = <1>\n\n\tb = <2>;\n};\n").ShouldBe("hint: is a ';' missing at the end of line 3?");

    [Fact]
    public void Other_syntax_errors_get_no_hint() =>
        Hint("/dts-v1/;\n/ {\n\ta = <1>;\n\tb = = <2>;\n};\n").ShouldBeNull();
}
