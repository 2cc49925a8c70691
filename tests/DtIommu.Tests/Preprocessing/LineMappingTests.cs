using DtIommu.Preprocessing;
using static DtIommu.Tests.Preprocessing.PpTestHost;

namespace DtIommu.Tests.Preprocessing;

public class LineMappingTests
{
    private static readonly (string, string)[] Tree =
    {
        ("board.dtsi", "/* board */\n#include \"soc.dtsi\"\n\n&uart0 { status = \"okay\"; };\n"),
        ("soc.dtsi", "#include <dt-bindings/irq.h>\n/ {\n\tsoc {\n\t\tuart0: serial@1000 {\n\t\t\tinterrupts = <IRQ(5)>;\n\t\t\tbroken property;\n\t\t};\n\t};\n};\n"),
        ("inc/dt-bindings/irq.h", "#ifndef IRQ_H\n#define IRQ_H\n#define IRQ(n) (n + 32)\n#endif\n"),
    };

    [Fact]
    public void TokenDeepInAnIncludedDtsiMapsBackToItsFileLineAndColumn()
    {
        var r = Run(o => o.IncludeDirs.Add("inc"), "/dts-v1/;\n#include \"board.dtsi\"\n", Tree);
        r.Success.ShouldBeTrue();
        var lines = r.Text.Split('\n');
        int outLine = Array.FindIndex(lines, l => l.Contains("broken property;")) + 1;
        MapOutputLine(r.Text, outLine).ShouldBe(("soc.dtsi", 6));
        // Untouched lines keep their original whitespace, so the column is the source column.
        lines[outLine - 1].ShouldBe("\t\t\tbroken property;");
        int irqLine = Array.FindIndex(lines, l => l.Contains("interrupts")) + 1;
        MapOutputLine(r.Text, irqLine).ShouldBe(("soc.dtsi", 5));
        lines[irqLine - 1].ShouldBe("\t\t\tinterrupts = <(5 + 32)>;");
        int uartLine = Array.FindIndex(lines, l => l.Contains("&uart0")) + 1;
        MapOutputLine(r.Text, uartLine).ShouldBe(("board.dtsi", 4));
        r.Dependencies.ShouldBe(new[] { "main.dts", "board.dtsi", "soc.dtsi", "inc/dt-bindings/irq.h" });
    }

    // GNU cpp 12 prints the same lines and markers; it only turns leading tabs into spaces, which we keep for columns.
    [Fact]
    public void OutputHasCppsLinesAndMarkersForAnIncludeChain()
    {
        var r = Run(o => o.IncludeDirs.Add("inc"), "/dts-v1/;\n#include \"board.dtsi\"\n", Tree);
        Body(r).ShouldBe(
            "/dts-v1/;\n" +
            "# 1 \"board.dtsi\" 1\n\n" +
            "# 1 \"soc.dtsi\" 1\n" +
            "# 1 \"inc/dt-bindings/irq.h\" 1\n" +
            "# 2 \"soc.dtsi\" 2\n" +
            "/ {\n\tsoc {\n\t\tuart0: serial@1000 {\n\t\t\tinterrupts = <(5 + 32)>;\n\t\t\tbroken property;\n\t\t};\n\t};\n};\n" +
            "# 3 \"board.dtsi\" 2\n\n" +
            "&uart0 { status = \"okay\"; };\n" +
            "# 3 \"main.dts\" 2\n");
    }

    [Fact]
    public void DiagnosticRaisedDeepInAnIncludedDtsiIsLocatedThere()
    {
        var tree = Tree.Select(f => f.Item1 == "soc.dtsi" ? (f.Item1, f.Item2.Replace("broken property;", "#if IRQ(1) +\n#endif")) : f).ToArray();
        var r = Run(o => o.IncludeDirs.Add("inc"), "/dts-v1/;\n#include \"board.dtsi\"\n", tree);
        r.Success.ShouldBeFalse();
        Describe(r).ShouldBe(new[] { "pp-bad-expression soc.dtsi:6.16: operator '+' has no right operand" });
    }

    [Fact]
    public void CommentsKeepColumnsOfFollowingTokens()
    {
        var r = Run("a /* x */ = <1>; // tail\n/* multi\n   line */ b;\n");
        Body(r).ShouldBe("a         = <1>;\n\n           b;\n");
    }

    [Fact]
    public void LineStartingWithAMacroKeepsItsIndentation()
    {
        // cpp indents an expanded line to the macro name's column; dtc then reports the label's source column.
        var r = Run("#define LABEL(n) cp0_##n\n\t\tLABEL(gpio1): gpio@100 {};\n");
        Body(r).ShouldBe("\n\t\tcp0_gpio1: gpio@100 {};\n");
    }

    [Fact]
    public void UnterminatedCommentIsAnError()
    {
        var r = Run("a\n  /* never closed\n");
        Describe(r).ShouldBe(new[] { "pp-unterminated-comment main.dts:2.3: unterminated comment" });
    }

    [Fact]
    public void RunReadsTheMainFileThroughTheFileSystemAbstraction()
    {
        var files = new Dictionary<string, string> { ["dir/b.dts"] = "#include \"x.h\"\nX\n", ["dir/x.h"] = "#define X 5\n" };
        var r = new Preprocessor(new PreprocessorOptions { ReadFile = p => files.TryGetValue(p, out var t) ? t : null }).Run("dir/b.dts");
        r.Text.ShouldBe("# 0 \"dir/b.dts\"\n# 0 \"<built-in>\"\n# 0 \"<command-line>\"\n# 1 \"dir/b.dts\"\n# 1 \"dir/x.h\" 1\n# 2 \"dir/b.dts\" 2\n5\n");
        r.Dependencies.ShouldBe(new[] { "dir/b.dts", "dir/x.h" });
    }

    [Fact]
    public void CrLfLineEndingsAndContinuationsAreHandledLikeLf()
    {
        var r = Run("#define A 1 + \\\r\n 2\r\nx = <A>;\r\n\ty;\r\n");
        Body(r).ShouldBe("\n\nx = <1 + 2>;\n\ty;\n");
    }

    [Fact]
    public void DefaultFileSystemReadsRealFilesAndReportsMissingOnes()
    {
        string dir = Path.Combine(Path.GetTempPath(), "pp-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "inc"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "b.dts"), "#include <v.h>\nV\n#include \"none.h\"\n");
            File.WriteAllText(Path.Combine(dir, "inc", "v.h"), "#define V 9\n");
            var options = new PreprocessorOptions();
            options.IncludeDirs.Add(dir + "/inc");
            var r = new Preprocessor(options).Run(dir + "/b.dts");
            r.Dependencies.ShouldBe(new[] { dir + "/b.dts", dir + "/inc/v.h" });
            Tokens(r).ShouldBe("9");
            Describe(r).ShouldBe(new[] { $"pp-missing-include {dir}/b.dts:3.10-18: none.h: No such file or directory" });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
