using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

public class DtbWriterTests
{
    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

    [Fact]
    public void Minimal_tree_is_laid_out_like_dtc_version_17()
    {
        var dtb = Dtc.ToDtb("/dts-v1/; / { a = <1>; };");
        Hex(dtb).ShouldBe(
            "d00dfeed" + "0000005a" + "00000038" + "00000058" + "00000028" + "00000011" + "00000010" + "00000000" + "00000002" + "00000020" +
            "0000000000000000" + "0000000000000000" +
            "00000001" + "00000000" +
            "00000003" + "00000004" + "00000000" + "00000001" +
            "00000002" + "00000009" +
            "6100");
    }

    [Fact]
    public void Version_16_pads_its_36_byte_header_to_8()
    {
        var dtb = Dtc.ToDtb("/dts-v1/; / { };", new() { OutputVersion = 16 });
        Hex(dtb[..40]).ShouldBe("d00dfeed00000048000000380000004800000028000000100000001000000000" + "00000000" + "00000000");
    }

    [Fact]
    public void Version_1_writes_full_paths_and_name_properties()
    {
        var dtb = Dtc.ToDtb("/dts-v1/; / { n@1 { }; };", new() { OutputVersion = 1 });
        var text = Latin1.GetString(dtb);
        text.ShouldContain("/n@1\0");
        text.ShouldEndWith("name\0");
    }

    [Fact]
    public void Reserve_slots_padding_and_alignment()
    {
        var plain = Dtc.ToDtb("/dts-v1/; /memreserve/ 0x1000 0x2000; / { };");
        var reserved = Dtc.ToDtb("/dts-v1/; /memreserve/ 0x1000 0x2000; / { };", new() { ReserveSlots = 2 });
        reserved.Length.ShouldBe(plain.Length + 32);
        var aligned = Dtc.ToDtb("/dts-v1/; / { };", new() { Padding = 3, Alignment = 64 });
        aligned.Length.ShouldBe(128);
        var min = Dtc.Compile("/dts-v1/; / { };", new() { OutputFormat = "dtb", MinimumSize = 8 });
        min.Diagnostics.Single().Message.ShouldBe("Warning: blob size 72 >= minimum size 8");
    }

    [Fact]
    public void Padding_and_minimum_size_are_exclusive()
    {
        var r = Dtc.Compile("/dts-v1/; / { };", new() { MinimumSize = 100, Padding = 4 });
        r.ExitCode.ShouldBe(1);
        r.Diagnostics.Single().Message.ShouldBe("Can't set both -p and -S");
    }

    [Fact]
    public void Boot_cpu_comes_from_the_first_cpu_reg_or_the_option()
    {
        var src = "/dts-v1/; / { cpus { cpu@3 { reg = <3>; }; }; };";
        Hex(Dtc.ToDtb(src)[28..32]).ShouldBe("00000003");
        Hex(Dtc.ToDtb(src, new() { BootCpu = 17 })[28..32]).ShouldBe("00000011");
    }
}
