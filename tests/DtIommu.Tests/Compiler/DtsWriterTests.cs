using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

public class DtsWriterTests
{
    private const string Source = "/dts-v1/;\n/ {\n\ta = <1>;\n\tn: node {\n\t\tb;\n\t};\n};\n&n { c = \"x\"; };\n";

    [Fact]
    public void Annotations_give_first_and_last_lines_of_every_definition()
    {
        Dtc.ToDts(Source, new DtcOptions { Annotate = 1 }).ShouldBe(
            "/dts-v1/;\n\n/ { /* t.dts:2 */\n\ta = <0x01>; /* t.dts:3 */\n\n\tn: node { /* t.dts:4, t.dts:8 */\n\t\tb; /* t.dts:5 */\n\t\tc = \"x\"; /* t.dts:8 */\n\t}; /* t.dts:6, t.dts:8 */\n}; /* t.dts:7 */\n");
    }

    [Fact]
    public void Double_annotation_gives_full_ranges()
    {
        Dtc.ToDts(Source, new DtcOptions { Annotate = 2 }).ShouldBe(
            "/dts-v1/;\n\n/ { /* t.dts:2:3-7:3 */\n\ta = <0x01>; /* t.dts:3:2-3:10 */\n\n\tn: node { /* t.dts:4:10-6:4, t.dts:8:4-8:17 */\n\t\tb; /* t.dts:5:3-5:5 */\n\t\tc = \"x\"; /* t.dts:8:6-8:14 */\n\t}; /* t.dts:4:10-6:4, t.dts:8:4-8:17 */\n}; /* t.dts:2:3-7:3 */\n");
    }

    [Fact]
    public void Annotation_needs_dts_in_and_out()
    {
        var r = Dtc.Compile(Source, new DtcOptions { Annotate = 1, OutputFormat = "dtb" });
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Single().Message.ShouldBe("--annotate requires -I dts -O dts");
    }

    [Fact]
    public void Value_labels_and_mixed_chunks_print_like_dtc()
    {
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { vs = va: <vb: 1 2 vc:>, ve: \"x\" vend:; b = [01 l: 02]; s = /bits/ 16 <3>, \"a\\x80\"; };"))
            .ShouldBe("/ {\n\tvs = va: < vb:0x01 0x02>, vc: ve: \"x\" vend:;\n\tb = [01 l:02];\n\ts = /bits/ 16 <0x03>, \"a\\xffffff80\";\n};\n");
    }

    [Fact]
    public void Incbin_contents_are_typed_by_guessing()
    {
        var files = new MemoryFileSource().Add("blob.bin", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).Add("str.bin", "ab\0cd\0");
        Dtc.Body(Dtc.ToDts("/dts-v1/; / { c = /incbin/(\"blob.bin\"); s = /incbin/(\"str.bin\"); p = /incbin/(\"blob.bin\", 2, 3); };", null, files))
            .ShouldBe("/ {\n\tc = <0x1020304 0x5060708>;\n\ts = \"ab\", \"cd\";\n\tp = [03 04 05];\n};\n");
    }
}
