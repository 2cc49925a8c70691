using System.Text.Json;
using DtIommu.Diagnostics;
using DtIommu.Diagnostics.Formatting;
using DtIommu.Lint;

namespace DtIommu.Tests.Lint;

/// <summary>The lint report formats on a real finding (shared stream ID, with a related location).</summary>
public class LintFormatterTests
{
    private static Diagnostic Finding()
    {
        var rule = LintRuleTable.Find("shared-stream-id")!;
        return LintTestSupport.Lint(LintTestSupport.BadSource(rule)).Single(d => d.Descriptor.Code == "DTI1201");
    }

    [Fact]
    public void MsBuild_format_is_canonical()
    {
        var d = Finding();
        var line = MsBuildFormatter.Format(d, "x");
        line.ShouldStartWith($"board.dts({d.Span!.Value.Line},{d.Span.Value.Column}): error DTI1201: /dma@2100000:iommus: ID 0x10");
        line.ShouldEndWith(" [shared-stream-id]\n");
    }

    [Fact]
    public void GitHub_commands_escape_data_and_properties()
    {
        var d = Finding() with { Message = "50% done\nnext, line: 2" };
        var line = GitHubFormatter.Format(d, "x");
        line.ShouldStartWith($"::error file=board.dts,line={d.Span!.Value.Line},col={d.Span.Value.Column},");
        line.ShouldContain("title=DTI1201 shared-stream-id::");
        line.ShouldEndWith("/dma@2100000:iommus: 50%25 done%0Anext, line: 2%0Afix: Give each master its own ID, or describe the pair as one device.\n");
    }

    [Fact]
    public void Sarif_has_the_structure_code_scanning_requires()
    {
        var d = Finding();
        var text = SarifFormatter.Format([d], LintRuleTable.All.Select(r => r.Descriptor), "0.1.0", f => "boards/" + f, "board.dts");
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        root.GetProperty("version").GetString().ShouldBe("2.1.0");
        root.GetProperty("$schema").GetString().ShouldBe("https://json.schemastore.org/sarif-2.1.0.json");
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().ShouldBe("dtiommu");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        rules.Count.ShouldBe(LintRuleTable.All.Count);
        foreach (var r in rules)
        {
            r.GetProperty("id").GetString().ShouldStartWith("DTI");
            r.GetProperty("shortDescription").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
            r.GetProperty("fullDescription").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
            r.GetProperty("help").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
            new[] { "error", "warning", "note", "none" }.ShouldContain(r.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        }
        var result = run.GetProperty("results")[0];
        result.GetProperty("ruleId").GetString().ShouldBe("DTI1201");
        rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString().ShouldBe("DTI1201");
        result.GetProperty("level").GetString().ShouldBe("error");
        var loc = result.GetProperty("locations")[0];
        loc.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("boards/board.dts");
        loc.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(d.Span!.Value.Line);
        loc.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString().ShouldBe("/dma@2100000:iommus");
        result.GetProperty("relatedLocations").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public void Sarif_declares_dtc_checks_that_appear_in_results()
    {
        var check = new DiagnosticDescriptor("DT2001", "reg_format", "t", Severity.Warning, "h", "dtc-check");
        var d = new Diagnostic(check, Severity.Warning, "m", null, []);
        using var doc = JsonDocument.Parse(SarifFormatter.Format([d], [], "0.1.0", f => f, "board.dtb"));
        var run = doc.RootElement.GetProperty("runs")[0];
        run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("id").GetString().ShouldBe("DT2001");
        run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation")
            .GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("board.dtb");
    }
}
