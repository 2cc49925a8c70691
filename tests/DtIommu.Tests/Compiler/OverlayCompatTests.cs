using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Tests.Compiler;

/// <summary>dtc 1.8.1's treatment of overlays: decompiled blobs stay overlays, and checks that cannot hold for a fragment are skipped.</summary>
public class OverlayCompatTests
{
    [Fact]
    public void Decompiled_overlay_blob_starts_with_plugin_and_recompiles()
    {
        var blob = Dtc.ToDtb("/dts-v1/;\n/plugin/;\n&foo { p = <1>; q = <&bar>; };\n");
        var files = new MemoryFileSource().Add("o.dtb", blob);
        var r = DtcCompiler.Compile(new DtcOptions { Input = "o.dtb", InputFormat = "dtb", OutputFormat = "dts" }, files);
        r.ExitCode.ShouldBe(0);
        var dts = Latin1.GetString(r.Output!);
        dts.ShouldStartWith("/dts-v1/;\n/plugin/;\n\n");
        Dtc.ToDtb(dts).ShouldBe(blob);
    }

    [Fact]
    public void Overlay_skips_alias_paths_and_graph_naming()
    {
        const string overlay = "/dts-v1/;\n/plugin/;\n&{/} {\n aliases { serial0 = \"/nope\"; };\n" +
            " dev { ports { #address-cells = <1>; #size-cells = <0>; port-a@0 { reg = <0>; ep@0 { reg = <0>; remote-endpoint = <&x>; }; }; }; };\n};\n";
        var r = Dtc.Compile(overlay, new DtcOptions { OutputFormat = "dtb" });
        r.Diagnostics.ShouldNotContain(d => d.Message.Contains("aliases property is not a valid node"));
        r.Diagnostics.ShouldNotContain(d => d.Message.Contains("graph port node name"));
        r.Diagnostics.ShouldNotContain(d => d.Message.Contains("graph endpoint node name"));
        var plain = Dtc.Compile(overlay.Replace("/plugin/;\n", "").Replace("&{/}", "/").Replace("<&x>", "<1>"), new DtcOptions { OutputFormat = "dtb" });
        plain.Diagnostics.ShouldContain(d => d.Message.Contains("aliases property is not a valid node"));
        plain.Diagnostics.ShouldContain(d => d.Message.Contains("graph port node name"));
    }
}
