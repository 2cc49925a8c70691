using DtIommu.Blob;
using DtIommu.Sources;
using DtIommu.Tests.Cli;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// dtc 1.8.1's messages while reading a blob (flattree.c), checked on the command line's standard error: the
/// warnings it prints as it reads, kept ahead of a fatal defect found later, and its message for a header size past
/// 2 GB. Expected texts are dtc 1.8.1's for the same blobs.
/// </summary>
public class DtbInputMessageTests
{
    /// <summary>A blob with an empty reservation map, the given structure block and strings, and a chosen header size.</summary>
    private static byte[] Blob(Action<BigEndianBuffer> structure, string strings, uint version = 17, uint? totalSize = null)
    {
        var body = new BigEndianBuffer();
        structure(body);
        var stringBytes = Latin1.GetBytes(strings);
        const int headerSize = 40, reserveSize = 16;
        var offStruct = headerSize + reserveSize;
        var offStrings = offStruct + body.Length;
        var total = offStrings + stringBytes.Length;
        var blob = new BigEndianBuffer();
        foreach (var v in new uint[] { FdtTokens.Magic, totalSize ?? (uint)total, (uint)offStruct, (uint)offStrings, headerSize, version, version >= 16 ? 16u : 1u, 0, (uint)stringBytes.Length, (uint)body.Length })
            blob.WriteUInt32(v);
        blob.WriteUInt64(0);
        blob.WriteUInt64(0);
        blob.Write(body.Buffer.AsSpan(0, body.Length));
        blob.Write(stringBytes);
        return blob.Buffer[..blob.Length];
    }

    private static void Begin(BigEndianBuffer b, string name)
    {
        b.WriteUInt32(FdtTokens.BeginNode);
        b.Write(Latin1.GetBytes(name + "\0"));
        b.AlignTo(4);
    }

    private static void Prop(BigEndianBuffer b, uint nameOffset, string value)
    {
        b.WriteUInt32(FdtTokens.Prop);
        b.WriteUInt32((uint)value.Length);
        b.WriteUInt32(nameOffset);
        b.Write(Latin1.GetBytes(value));
        b.AlignTo(4);
    }

    private static CliProcess.Result Decompile(byte[] blob)
    {
        var dir = CliProcess.TempDir();
        File.WriteAllBytes(Path.Combine(dir, "in.dtb"), blob);
        return CliProcess.RunBytes(dir, "-I", "dtb", "-O", "dts", "in.dtb");
    }

    [Fact]
    public void A_property_after_a_subnode_warns_even_when_the_blob_then_fails()
    {
        void Tree(BigEndianBuffer b, bool end)
        {
            Begin(b, "");
            Begin(b, "c");
            b.WriteUInt32(FdtTokens.EndNode);
            Prop(b, 0, "x\0");
            b.WriteUInt32(FdtTokens.EndNode);
            if (end) b.WriteUInt32(FdtTokens.End);
        }
        var whole = Decompile(Blob(b => Tree(b, true), "a\0"));
        whole.ExitCode.ShouldBe(0, whole.Stderr);
        whole.Stderr.ShouldBe("Warning: Flat tree input has subnodes preceding a property.\n");
        whole.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\ta = \"x\";\n\n\tc {\n\t};\n};\n");
        // The word after the last node is the strings block's first, which is no FDT_END.
        var cut = Decompile(Blob(b => Tree(b, false), "a\0b\0"));
        cut.ExitCode.ShouldBe(1);
        cut.Stderr.ShouldBe("Warning: Flat tree input has subnodes preceding a property.\nFATAL ERROR: Device tree blob doesn't end with FDT_END\n");
    }

    [Fact]
    public void A_nop_warns_only_in_blobs_older_than_version_16()
    {
        void Tree(BigEndianBuffer b, string rootName)
        {
            Begin(b, rootName);
            b.WriteUInt32(FdtTokens.Nop);
            Prop(b, 0, "x\0");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }
        var old = Decompile(Blob(b => Tree(b, "/"), "a\0", version: 3));
        old.ExitCode.ShouldBe(0, old.Stderr);
        old.Stderr.ShouldBe("Warning: NOP tag found in flat tree version <16\n");
        Decompile(Blob(b => Tree(b, ""), "a\0", version: 16)).Stderr.ShouldBe("");
    }

    [Fact]
    public void A_bad_alias_in_a_blob_names_the_alias()
    {
        var r = Decompile(Blob(b =>
        {
            Begin(b, "");
            Begin(b, "aliases");
            Prop(b, 0, "/nonexist\0");
            Prop(b, 8, "rel\0");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }, "serial0\0rel\0"));
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldBe("<stdout>: Warning (alias_paths): /aliases:serial0: aliases property is not a valid node (/nonexist)\n"
            + "<stdout>: Warning (alias_paths): /aliases:rel: aliases property is not a valid node (rel)\n");
    }

    [Fact]
    public void A_named_root_starts_every_path_as_in_dtc()
    {
        // From a fuzz case: a mutated blob whose root is named by the single byte 0xCF.
        var named = Decompile(Blob(b =>
        {
            Begin(b, "\u00cf");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }, ""));
        named.ExitCode.ShouldBe(2);
        named.Stderr.ShouldBe("<stdout>: ERROR (node_name_chars): /\u00cf: Bad character '\u00cf' in node name\nERROR: Input tree has errors, aborting (use -f to force output)\n");
        var child = Decompile(Blob(b =>
        {
            Begin(b, "r");
            Begin(b, "c@1");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }, ""));
        child.ExitCode.ShouldBe(0);
        child.Stderr.ShouldBe("<stdout>: Warning (unit_address_vs_reg): /r/c@1: node has a unit name, but no reg or ranges property\n");
    }

    [Fact]
    public void A_fixup_naming_the_path_slash_finds_no_node_as_in_dtc()
    {
        // dtc's get_node_by_path skips the slash and then looks for a child with an empty name.
        var r = Decompile(Blob(b =>
        {
            Begin(b, "");
            Prop(b, 0, "\0\0\0\0");
            Begin(b, "__fixups__");
            Prop(b, 7, "/:clocks:0\0");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }, "clocks\0l0\0"));
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldBe("Warning: Label l0 references non-existing node /\n");
    }

    [Theory]
    [InlineData(0xffffffffu, "FATAL ERROR: Error reading DT blob: Bad address\n")]
    [InlineData(0x80000008u, "FATAL ERROR: Error reading DT blob: Bad address\n")]
    [InlineData(0x80000000u, "FATAL ERROR: EOF before reading -2147483648 bytes of DT blob\n")]
    [InlineData(0x7ffffff0u, "FATAL ERROR: EOF before reading 2147483632 bytes of DT blob\n")]
    public void A_header_size_past_the_file_gives_dtc_s_message(uint totalSize, string stderr)
    {
        var r = Decompile(Blob(b =>
        {
            Begin(b, "");
            b.WriteUInt32(FdtTokens.EndNode);
            b.WriteUInt32(FdtTokens.End);
        }, "", totalSize: totalSize));
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe(stderr);
    }
}
