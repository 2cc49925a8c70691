using DtIommu.Lint;
using DtIommu.Tests.Cli;

namespace DtIommu.Tests.Lint;

/// <summary><c>dtiommu lint</c> as a process: formats, exit status, -W/-E, baseline, and bad input.</summary>
public class LintCommandTests
{
    private static (string Dir, string Board) Board(string code)
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "board.dts"), LintTestSupport.BadSource(LintRuleTable.Find(code)!));
        return (dir, "board.dts");
    }

    [Fact]
    public void Errors_fail_and_are_printed_in_the_asked_format()
    {
        var (dir, board) = Board("DTI1201");
        var r = CliProcess.Run(dir, null, "lint", "-f", "msbuild", board);
        r.ExitCode.ShouldBe(1, r.Stderr);
        r.Stdout.ShouldContain("board.dts(30,3): error DTI1201: /dma@2100000:iommus: ID 0x10");
    }

    [Fact]
    public void Warnings_pass_unless_warnings_are_errors()
    {
        var (dir, board) = Board("DTI1011");
        var plain = CliProcess.Run(dir, null, "lint", "-f", "gcc", board);
        plain.ExitCode.ShouldBe(0, plain.Stderr);
        plain.Stdout.ShouldContain("warning: /pcie@40000000:iommus: \"iommus\" on a PCI bus node applies to the bridge device only");
        plain.Stdout.ShouldContain(" | \t\tiommus = <&smmu 0x10>;".Replace("\t", "        "));
        CliProcess.Run(dir, null, "lint", "--warnings-as-errors", board).ExitCode.ShouldBe(1);
        var off = CliProcess.Run(dir, null, "lint", "-f", "dtc", "-W", "no-iommus-on-pci-bus", board);
        off.Stdout.ShouldNotContain("iommus-on-pci-bus");
        CliProcess.Run(dir, null, "lint", "-E", "DTI1011", board).ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Problems_on_disabled_nodes_are_shown_only_on_request_and_as_notes()
    {
        var dir = CliProcess.TempDir();
        File.Copy(Path.Combine(RepositoryFiles.Root, "examples", "boards", "regressions", "01-disabled-master.dts"), Path.Combine(dir, "board.dts"));
        var plain = CliProcess.Run(dir, null, "lint", "-f", "dtc", "--notes", "--warnings-as-errors", "board.dts");
        plain.ExitCode.ShouldBe(0, plain.Stderr);
        plain.Stdout.ShouldBeEmpty();
        var asked = CliProcess.Run(dir, null, "lint", "-f", "dtc", "--warnings-as-errors", "--include-disabled", "board.dts");
        asked.ExitCode.ShouldBe(0, asked.Stderr);
        asked.Stdout.ShouldContain("Warning (iommu-disabled): /bus/dma@1000:iommus:");
        asked.Stdout.ShouldContain("(in a disabled node)");
    }

    [Fact]
    public void A_baseline_hides_accepted_findings_only()
    {
        var (dir, board) = Board("DTI1201");
        var w = CliProcess.Run(dir, null, "lint", "--baseline", "base.txt", "--write-baseline", board);
        w.ExitCode.ShouldBe(0, w.Stderr);
        var again = CliProcess.Run(dir, null, "lint", "-f", "json", "--baseline", "base.txt", board);
        again.ExitCode.ShouldBe(0, again.Stderr + again.Stdout);
        again.Stdout.Trim().ShouldBe("[]");
        File.AppendAllText(Path.Combine(dir, board), "/ {\n\tdma@2200000 {\n\t\tcompatible = \"vendor,dma\";\n\t\treg = <0x2200000 0x1000>;\n\t\t#dma-cells = <1>;\n\t\tiommus = <&smmu 0x11>, <0>, <&smmu 0x12>;\n\t};\n};\n");
        var fresh = CliProcess.Run(dir, null, "lint", "-f", "dtc", "--baseline", "base.txt", board);
        fresh.Stdout.ShouldContain("iommus-zero-phandle");
        fresh.Stdout.ShouldNotContain("shared-stream-id");
    }

    [Fact]
    public void Sarif_goes_to_the_output_file()
    {
        var (dir, board) = Board("DTI1201");
        var r = CliProcess.Run(dir, null, "lint", "-f", "sarif", "-o", "out.sarif", board);
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldBeEmpty();
        var text = File.ReadAllText(Path.Combine(dir, "out.sarif"));
        text.ShouldContain("\"uri\": \"board.dts\"");
        text.ShouldContain("\"ruleId\": \"DTI1201\"");
    }

    [Theory]
    [InlineData("-f", "xml", "unknown report format 'xml'")]
    [InlineData("-W", "no-such-rule", "Unrecognized check name \"such-rule\"")]
    [InlineData("--baseline", "missing.txt", "cannot read baseline missing.txt")]
    public void Bad_options_give_a_message_and_exit_1(string option, string value, string message)
    {
        var (dir, board) = Board("DTI1201");
        var r = CliProcess.Run(dir, null, "lint", option, value, board);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain(message);
        r.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_board_that_does_not_parse_gets_a_located_error()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "bad.dts"), "/dts-v1/;\n/ {\n\tfoo = <1 2;\n};\n");
        var r = CliProcess.Run(dir, null, "lint", "-f", "msbuild", "bad.dts");
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldContain("bad.dts(3,");
        (r.Stdout + r.Stderr).ShouldNotContain("   at ");
    }

    [Fact]
    public void A_malformed_baseline_is_located()
    {
        var (dir, board) = Board("DTI1201");
        File.WriteAllText(Path.Combine(dir, "base.txt"), "zzz\n");
        var r = CliProcess.Run(dir, null, "lint", "--baseline", "base.txt", board);
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldContain("base.txt:1: expected a 16-digit hexadecimal fingerprint");
    }
}
