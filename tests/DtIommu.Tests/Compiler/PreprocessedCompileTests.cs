using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

/// <summary>Compiling with the built-in preprocessor (<c>--cpp</c>): macros, headers, dependencies and positions.</summary>
public class PreprocessedCompileTests
{
    private static MemoryFileSource Board() => new MemoryFileSource()
        .Add("include/dt-bindings/irq.h", "#ifndef IRQ_H\n#define IRQ_H\n#define IRQ_TYPE_LEVEL_HIGH 4\n#define SPI(n) (n + 32)\n#endif\n")
        .Add("soc.dtsi", "#include <dt-bindings/irq.h>\n/ {\n\tsoc {\n\t\tuart: serial { interrupts = <SPI(1) IRQ_TYPE_LEVEL_HIGH>; };\n\t};\n};\n");

    [Fact]
    public void Macros_and_headers_expand_before_compilation()
    {
        var files = Board();
        var r = Dtc.Compile("/dts-v1/;\n#include \"soc.dtsi\"\n#ifdef EXTRA\n&uart { extra; };\n#endif\n",
            new DtcOptions { OutputFormat = "dts", Preprocess = true, IncludeDirectories = ["include"], Defines = [("EXTRA", false)], DependencyFile = "d" }, files);
        r.ExitCode.ShouldBe(0, string.Join("\n", r.Diagnostics.Select(d => d.Message)));
        Dtc.Body(Latin1.GetString(r.Output!)).ShouldBe("/ {\n\n\tsoc {\n\n\t\tuart: serial {\n\t\t\tinterrupts = <0x21 0x04>;\n\t\t\textra;\n\t\t};\n\t};\n};\n");
        r.Dependencies.ShouldBe("-: t.dts soc.dtsi include/dt-bindings/irq.h\n");
    }

    [Fact]
    public void Errors_in_included_files_point_at_the_original_line()
    {
        var files = Board().Add("bad.dtsi", "/ {\n\tok = <1>;\n\tbad = <09>;\n};\n");
        var r = Dtc.Compile("/dts-v1/;\n#include \"bad.dtsi\"\n", new DtcOptions { Preprocess = true }, files);
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.First(d => d.Message == "Bad integer literal '09'");
        e.Span!.Value.ToDtcString().ShouldBe("bad.dtsi:3.9-11");
    }

    [Fact]
    public void Missing_header_is_a_located_preprocessor_error()
    {
        var r = Dtc.Compile("/dts-v1/;\n#include <nope.h>\n/ { };\n", new DtcOptions { Preprocess = true }, Board());
        r.ExitCode.ShouldBe(1);
        var e = r.Diagnostics.First(d => d.Descriptor.Category == "preprocessor");
        e.Span!.Value.File.ShouldBe("t.dts");
        e.Span!.Value.Line.ShouldBe(2);
    }
}
