using System.Text.Json;
using DtIommu.Iommu.Output;

namespace DtIommu.Tests.Iommu;

/// <summary>The table and JSON renderings of the model.</summary>
public class ModelWriterTests
{
    private static string Table(string fixture)
    {
        var w = new StringWriter();
        ModelTableWriter.Write(IommuTestSupport.Model(QemuTreeTests.Fixture(fixture)), w);
        return w.ToString();
    }

    private static JsonElement Json(string fixture, string? source = null)
    {
        var w = new StringWriter();
        ModelJsonWriter.Write(IommuTestSupport.Model(QemuTreeTests.Fixture(fixture)), w, source);
        return JsonDocument.Parse(w.ToString()).RootElement;
    }

    [Fact]
    public void Table_lists_iommus_then_masters_per_iommu_then_observations()
    {
        var lines = Table("qemu-virt-smmuv3.dts").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Take(3).ShouldBe([
            "IOMMUs (1)",
            "  /smmuv3@9050000",
            "      arm-smmu-v3, simulator smmu-v3, okay, #iommu-cells 1, aperture 0x0-0xffffffffffff, 1 master",
        ]);
        var behind = lines.IndexOf("Masters behind /smmuv3@9050000 (1)");
        lines.Skip(behind + 1).Take(3).ShouldBe([
            "  IOVA window 0x0-0xffffffffffff; bus->CPU 1:1; reachable RAM 0x40000000-0xbfffffff",
            "    MASTER          IDS",
            "    /pcie@10000000  RID 0000-ffff -> ID 0-ffff",
        ]);
        var without = lines.IndexOf("Masters without an IOMMU (4)");
        lines.Skip(without + 1).Take(3).ShouldBe([
            "  IOVA window -; bus->CPU 1:1; reachable RAM 0x40000000-0xbfffffff",
            "    MASTER                IDS",
            "    /virtio_mmio@a000000  none",
        ]);
        lines.ShouldContain("DMA masters (5)");
        lines.ShouldContain("RAM: 0x40000000-0xbfffffff");
        lines.ShouldContain(l => l.StartsWith("  unprotected-dma-master: /virtio_mmio@a000000: "));
        lines.ShouldAllBe(l => l.Length <= ModelTableWriter.Width);
    }

    [Fact]
    public void Table_shows_pseries_liobns_and_windows()
    {
        var text = Table("qemu-pseries-pci.dts");
        text.ShouldContain("  /pci@800000020000000\n      pseries-tce, simulator tce, okay, liobn 0x80000000, aperture 0x0-0x3fffffff, 1 master\n");
        text.ShouldContain("Masters behind /vdevice/v-scsi@71000001 (1)\n  IOVA window 0x0-0xfffffff; bus->CPU 1:1; reachable RAM 0x0-0x7fffffff\n");
    }

    [Fact]
    public void Json_has_the_versioned_schema_header()
    {
        var root = Json("qemu-virt-smmuv3.dts", "virt.dtb");
        root.GetProperty("schema").GetString().ShouldBe("dtiommu-model");
        root.GetProperty("version").GetString().ShouldBe("1.2");
        root.GetProperty("source").GetString().ShouldBe("virt.dtb");
        root.GetProperty("memory")[0].GetProperty("start").GetString().ShouldBe("0x40000000");
        root.GetProperty("memory")[0].GetProperty("end").GetString().ShouldBe("0xbfffffff");
        root.GetProperty("maxDmaCpuAddress").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Json_describes_instances_and_rid_runs()
    {
        var root = Json("qemu-virt-smmuv3.dts");
        var smmu = root.GetProperty("iommus")[0];
        smmu.GetProperty("path").GetString().ShouldBe("/smmuv3@9050000");
        smmu.GetProperty("phandle").GetInt64().ShouldBe(0x8004);
        smmu.GetProperty("binding").GetString().ShouldBe("arm-smmu-v3");
        smmu.GetProperty("iommuCells").GetInt32().ShouldBe(1);
        var p = smmu.GetProperty("simulator").GetProperty("parameters");
        smmu.GetProperty("simulator").GetProperty("kind").GetString().ShouldBe("smmu-v3");
        p.GetProperty("id-bits").GetInt32().ShouldBe(32);
        p.GetProperty("page-sizes").EnumerateArray().Select(e => e.GetInt64()).ShouldBe([4096L, 2L << 20, 1L << 30]);
        p.GetProperty("disable-bypass").GetBoolean().ShouldBeTrue();
        p.GetProperty("aperture").GetProperty("end").GetString().ShouldBe("0xffffffffffff");
        var pcie = root.GetProperty("masters").EnumerateArray().Single(m => m.GetProperty("path").GetString() == "/pcie@10000000");
        pcie.GetProperty("kind").GetString().ShouldBe("pci-host-bridge");
        pcie.GetProperty("state").GetString().ShouldBe("translated");
        var run = pcie.GetProperty("ridRanges").EnumerateArray().Single();
        run.GetProperty("first").GetInt32().ShouldBe(0);
        run.GetProperty("last").GetInt32().ShouldBe(0xffff);
        run.GetProperty("outcome").GetString().ShouldBe("translated");
        run.GetProperty("iommu").GetString().ShouldBe("/smmuv3@9050000");
        pcie.GetProperty("translation").GetProperty("outcome").GetString().ShouldBe("no-constraint");
        pcie.GetProperty("coherent").GetBoolean().ShouldBeTrue();
        root.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("kind").GetString())
            .ShouldContain("iommu-parent-without-dma-ranges");
    }

    [Fact]
    public void Json_fields_carry_roles_and_subfields()
    {
        var w = new StringWriter();
        ModelJsonWriter.Write(IommuTestSupport.Model("""
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
              m4u: iommu@1000 { compatible = "mediatek,mt8173-m4u"; reg = <0x1000 0x100>; #iommu-cells = <1>; };
              vdec@2000 { reg = <0x2000 0x100>; iommus = <&m4u 0x43>; };
            };
            """), w);
        var a = JsonDocument.Parse(w.ToString()).RootElement.GetProperty("masters")[0].GetProperty("attachments")[0];
        a.GetProperty("state").GetString().ShouldBe("active");
        a.GetProperty("cells")[0].GetInt32().ShouldBe(0x43);
        var f = a.GetProperty("fields")[0];
        f.GetProperty("name").GetString().ShouldBe("port-id");
        f.GetProperty("role").GetString().ShouldBe("id");
        f.GetProperty("subfields").GetProperty("larb").GetInt32().ShouldBe(2);
        f.GetProperty("subfields").GetProperty("port").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void Json_escapes_strings()
    {
        var w = new StringWriter();
        ModelJsonWriter.Write(new DtIommu.Iommu.Model.IommuModel(), w, "a\"b\\c\n\u00e9");
        JsonDocument.Parse(w.ToString()).RootElement.GetProperty("source").GetString().ShouldBe("a\"b\\c\n\u00e9");
    }

    [Fact]
    public void Json_masters_carry_compatible_and_labels_and_the_document_is_byte_stable()
    {
        var dir = Path.Combine(Lint.RepositoryFiles.Root, "tests", "DtIommu.Tests", "Lint", "Boards");
        var first = Cli.CliProcess.Run(dir, null, "model", "--format", "json", "board-a.dts");
        first.ExitCode.ShouldBe(0, first.Stderr);
        Cli.CliProcess.Run(dir, null, "model", "--format", "json", "board-a.dts").Stdout.ShouldBe(first.Stdout);
        using var doc = JsonDocument.Parse(first.Stdout);
        var master = doc.RootElement.GetProperty("masters").EnumerateArray().Single(m => m.GetProperty("path").GetString() == "/dma@2100000");
        master.GetProperty("compatible").EnumerateArray().Select(c => c.GetString()).ShouldBe(["vendor,dma"]);
        master.GetProperty("labels").EnumerateArray().Select(c => c.GetString()).ShouldBe(["dma1"]);
        first.Stdout.ShouldContain("\n      \"compatible\": [\n        \"vendor,dma\"\n      ],\n");
    }
}
