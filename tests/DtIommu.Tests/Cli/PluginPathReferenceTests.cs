namespace DtIommu.Tests.Cli;

/// <summary>
/// A plugin's <c>&amp;{/path}</c> reference to a node it does not hold cannot become a fixup (the format names labels
/// only): dtc 1.8.1 runs its checks, then stops while generating <c>/__fixups__</c> (livetree.c), exit 1, no output.
/// </summary>
public class PluginPathReferenceTests
{
    [Fact]
    public void Checks_run_then_the_fixup_is_refused()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "p.dts"), "/dts-v1/;\n/plugin/;\n/ {\n\tn { x = <&{/path/to/node}>; };\n\tm@1 { };\n};\n");
        var r = CliProcess.Run(dir, null, "-O", "dtb", "-o", "out.dtb", "p.dts");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("p.dts:5.6-10: Warning (unit_address_vs_reg): /m@1: node has a unit name, but no reg or ranges property\n"
            + "FATAL ERROR: Can't generate fixup for reference to path &{/path/to/node}\n");
        File.Exists(Path.Combine(dir, "out.dtb")).ShouldBeFalse();
    }
}
