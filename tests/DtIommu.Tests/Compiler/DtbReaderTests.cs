using DtIommu.Blob;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

public class DtbReaderTests
{
    private const string Source = "/dts-v1/; /memreserve/ 0x1000 0x100; / { model = \"m\"; n@1 { reg = <1>; l: x { p = <&l 5>; s = \"a\", \"bc\"; }; }; };";

    [Fact]
    public void Blob_round_trips_to_the_same_blob()
    {
        var dtb = Dtc.ToDtb(Source);
        var files = new MemoryFileSource().Add("in.dtb", dtb);
        var r = DtcCompiler.Compile(new DtcOptions { Input = "in.dtb", OutputFormat = "dtb" }, files);
        r.ExitCode.ShouldBe(0);
        r.Output.ShouldBe(dtb);
    }

    [Fact]
    public void Decompiled_blob_guesses_value_types()
    {
        var dtb = Dtc.ToDtb(Source);
        var files = new MemoryFileSource().Add("in.dtb", dtb);
        var r = DtcCompiler.Compile(new DtcOptions { Input = "in.dtb", OutputFormat = "dts" }, files);
        Latin1.GetString(r.Output!).ShouldBe(
            "/dts-v1/;\n\n/memreserve/\t0x0000000000001000 0x0000000000000100;\n/ {\n\tmodel = \"m\";\n\n\tn@1 {\n\t\treg = <0x01>;\n\n\t\tx {\n\t\t\tp = <0x01 0x05>;\n\t\t\ts = \"a\", \"bc\";\n\t\t\tphandle = <0x01>;\n\t\t};\n\t};\n};\n");
    }

    [Theory]
    [InlineData(new byte[] { 0xd0, 0x0d }, "EOF reading DT blob magic number")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, "Blob has incorrect magic number")]
    [InlineData(new byte[] { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8 }, "DT blob size (8) is too small")]
    [InlineData(new byte[] { 0xd0, 0x0d, 0xfe, 0xed, 0, 0, 1, 0 }, "EOF before reading 256 bytes of DT blob")]
    public void Malformed_headers_give_dtc_messages(byte[] blob, string message)
    {
        Should.Throw<FatalCompilationException>(() => DtbReader.Read(blob)).Message.ShouldBe(message);
    }

    [Fact]
    public void Every_truncation_and_byte_corruption_fails_cleanly_or_reads()
    {
        var dtb = Dtc.ToDtb(Source);
        for (var len = 0; len < dtb.Length; len++)
        {
            var cut = dtb[..len];
            // Keep the header's size consistent with the cut, so the body readers are exercised too.
            if (len >= 8) { cut[4] = (byte)(len >> 24); cut[5] = (byte)(len >> 16); cut[6] = (byte)(len >> 8); cut[7] = (byte)len; }
            ReadOrFatal(cut);
        }
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var bad = (byte[])dtb.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++) bad[random.Next(bad.Length)] = (byte)random.Next(256);
            ReadOrFatal(bad);
        }
    }

    [Fact]
    public void Deeply_nested_blob_does_not_overflow_the_stack()
    {
        var depth = 100_000;
        var body = new BigEndianBuffer();
        for (var i = 0; i < depth; i++) { body.WriteUInt32(FdtTokens.BeginNode); body.WriteNulTerminated("n"); body.AlignTo(4); }
        for (var i = 0; i < depth; i++) body.WriteUInt32(FdtTokens.EndNode);
        body.WriteUInt32(FdtTokens.End);
        var header = new BigEndianBuffer();
        var structOff = 40 + 16;
        var total = structOff + body.Length;
        foreach (var v in new uint[] { FdtTokens.Magic, (uint)total, (uint)structOff, (uint)total, 40, 17, 16, 0, 0, (uint)body.Length }) header.WriteUInt32(v);
        var blob = new byte[total];
        Array.Copy(header.Buffer, blob, 40);
        Array.Copy(body.Buffer, 0, blob, structOff, body.Length);
        var tree = DtbReader.Read(blob);
        tree.Root.Children.Single().Name.ShouldBe("n");
    }

    private static void ReadOrFatal(byte[] blob)
    {
        try
        {
            DtbReader.Read(blob);
        }
        catch (FatalCompilationException)
        {
        }
    }
}
