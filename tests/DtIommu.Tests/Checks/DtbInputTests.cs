using DtIommu.Compilation;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Sources;

namespace DtIommu.Tests.Checks;

/// <summary>Checks on a tree read back from a blob: no source positions, so messages carry node paths only.</summary>
public class DtbInputTests
{
    private const string Source = "/dts-v1/;\n/ {\n\tmodel = <1>;\n\tthing@1 {\n\t};\n};\n";

    [Fact]
    public void Checks_run_on_dtb_input_and_point_at_the_output_name()
    {
        var files = new MemoryFileSource().Add("in.dts", Source);
        var blob = DtcCompiler.Compile(new DtcOptions { Input = "in.dts", Output = "in.dtb", OutputFormat = "dtb" }, files);
        blob.ExitCode.ShouldBe(0);
        files.Add("in.dtb", blob.Output!);

        var result = DtcCompiler.Compile(new DtcOptions { Input = "in.dtb", InputFormat = "dtb", OutputFormat = "dts", Output = "out.dts" }, files);

        var checks = result.Diagnostics.Where(d => d.Descriptor.Category == "dtc-check").ToList();
        checks.Select(d => d.Descriptor.Name).ShouldBe(["model_is_string", "unit_address_vs_reg"]);
        checks.ShouldAllBe(d => d.Span == null);
        string.Concat(checks.Select(d => DtcFormatter.Format(d, "out.dts"))).ShouldBe(
            "out.dts: Warning (model_is_string): /:model: property is not a string\n" +
            "out.dts: Warning (unit_address_vs_reg): /thing@1: node has a unit name, but no reg or ranges property\n");
    }
}
