using System.Text.Json;
using DtIommu.Tests.Cli;

namespace DtIommu.Tests.Lint;

/// <summary>
/// What <c>dtiommu lint</c> reports over several boards (Lint/Boards: two boards including one SoC .dtsi): each
/// finding once with its boards, labels beside paths, dtc's checks and notes only when asked, a summary on stderr.
/// </summary>
public class LintReportingTests
{
    private static readonly string Boards = Path.Combine(RepositoryFiles.Root, "tests", "DtIommu.Tests", "Lint", "Boards");

    private static CliProcess.Result Lint(params string[] args) => CliProcess.Run(Boards, null, ["lint", .. args]);

    [Fact]
    public void A_finding_in_a_shared_dtsi_is_reported_once_with_the_boards_it_affects()
    {
        var r = Lint("board-a.dts", "board-b.dts");
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldStartWith(
            "shared-soc.dtsi:29:3: error: /dma@2100000 (dma1):iommus: ID 0x10 on /iommu@1000000 (smmu) is also used by " +
            "/dma@2000000 (dma0) (iommus): both share one translation context [DTI1201 shared-stream-id]\n" +
            "  fix: Give each master its own ID, or describe the pair as one device.\n" +
            "  2 boards: board-a.dts, board-b.dts\n" +
            "  29 | \t\tiommus = <&smmu 0x10>;\n".Replace("\t", "        "));
        r.Stdout.Split("[DTI1201").Length.ShouldBe(2);
        r.Stderr.ShouldBe("1 error in 2 of 2 boards\n  DTI1201 shared-stream-id: 1 error\n");
    }

    [Fact]
    public void Dtc_checks_are_left_out_unless_asked_for()
    {
        Lint("board-a.dts").Stdout.ShouldNotContain("unit_address_vs_reg");
        var all = Lint("--dtc-checks", "board-a.dts");
        all.Stdout.ShouldContain("shared-soc.dtsi:32:14: warning: /bus@3000000: node has a unit name, but no reg or ranges property [DT2028 unit_address_vs_reg]");
        all.Stderr.ShouldStartWith("1 warning, 1 error in 1 of 1 board\n");
        Lint("-W", "unit_address_vs_reg", "board-a.dts").Stdout.ShouldContain("[DT2028 unit_address_vs_reg]");
    }

    [Fact]
    public void Notes_are_counted_but_hidden_unless_asked_for()
    {
        var board = Path.Combine(RepositoryFiles.Root, "examples", "boards", "rules", "DTI1207-shared-single-context.dts");
        var hidden = Lint(board);
        hidden.ExitCode.ShouldBe(0);
        hidden.Stdout.ShouldBeEmpty();
        hidden.Stderr.ShouldBe("no findings in 1 board; 1 note hidden (--notes shows them)\n");
        Lint("--notes", board).Stdout.ShouldContain("note: /iommu@1000000 (iommu): 2 masters share");
        Lint("-W", "shared-single-context", board).Stdout.ShouldContain("[DTI1207 shared-single-context]");
    }

    [Fact]
    public void Json_and_sarif_name_the_boards_and_sarif_points_at_the_property_and_the_rule_page()
    {
        using var json = JsonDocument.Parse(Lint("-f", "json", "board-a.dts", "board-b.dts").Stdout);
        var finding = json.RootElement.EnumerateArray().Single();
        finding.GetProperty("boards").EnumerateArray().Select(b => b.GetString()).ShouldBe(["board-a.dts", "board-b.dts"]);
        finding.GetProperty("label").GetString().ShouldBe("dma1");

        using var sarif = JsonDocument.Parse(Lint("-f", "sarif", "board-a.dts", "board-b.dts").Stdout);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results").EnumerateArray().Single();
        result.GetProperty("properties").GetProperty("boards").EnumerateArray().Select(b => b.GetString())
            .ShouldBe(["board-a.dts", "board-b.dts"]);
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endColumn").GetInt32())
            .ShouldBe((29, 3, 25));
        result.GetProperty("partialFingerprints").GetProperty("dtiommuFinding/v1").GetString()!.Length.ShouldBe(16);
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[result.GetProperty("ruleIndex").GetInt32()];
        rule.GetProperty("helpUri").GetString().ShouldEndWith("/blob/main/docs/rules/DTI1201-shared-stream-id.md");
        File.Exists(Path.Combine(RepositoryFiles.Root, "docs", "rules", "DTI1201-shared-stream-id.md")).ShouldBeTrue();
    }

    [Fact]
    public void Reports_are_byte_stable()
    {
        foreach (var format in new[] { "json", "sarif", "gcc", "msbuild", "github" })
            Lint("-f", format, "board-a.dts", "board-b.dts").Stdout.ShouldBe(Lint("-f", format, "board-a.dts", "board-b.dts").Stdout, format);
    }
}
