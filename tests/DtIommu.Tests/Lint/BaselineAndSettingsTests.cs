using DtIommu.Diagnostics;
using DtIommu.Lint;

namespace DtIommu.Tests.Lint;

public class BaselineAndSettingsTests
{
    private static readonly LintRule Rule = LintRuleTable.Find("DTI1201")!;

    [Fact]
    public void Fingerprints_ignore_positions_so_edits_elsewhere_keep_findings_baselined()
    {
        var before = LintTestSupport.Lint(LintTestSupport.BadSource(Rule)).Single(d => d.Descriptor.Code == Rule.Code);
        var shifted = LintTestSupport.BadSource(Rule).Replace("/ {\n", "/ {\n\tmodel = \"moved\";\n\n");
        var after = LintTestSupport.Lint(shifted).Single(d => d.Descriptor.Code == Rule.Code);
        after.Span!.Value.Line.ShouldBe(before.Span!.Value.Line + 2);
        Baseline.Fingerprint(after, "b.dts").ShouldBe(Baseline.Fingerprint(before, "b.dts"));
        Baseline.Fingerprint(after, "other.dts").ShouldNotBe(Baseline.Fingerprint(before, "b.dts"));
    }

    [Fact]
    public void A_written_baseline_suppresses_exactly_its_findings()
    {
        var findings = LintTestSupport.Lint(LintTestSupport.BadSource(Rule));
        var text = Baseline.Write(findings.Select(f => ("b.dts", f)));
        var baseline = Baseline.Parse(text, "base.txt", out var error);
        error.ShouldBeNull();
        baseline.Count.ShouldBe(findings.Count);
        findings.ShouldAllBe(f => baseline.Contains(f, "b.dts"));
        var fresh = LintTestSupport.Lint(LintTestSupport.BadSource(LintRuleTable.Find("DTI1004")!));
        fresh.Where(f => !baseline.Contains(f, "b.dts")).ShouldContain(f => f.Descriptor.Code == "DTI1004");
    }

    [Fact]
    public void A_malformed_baseline_line_is_located()
    {
        Baseline.Parse("# header\n0123456789abcdef DTI1 x\nnot-a-fingerprint\n", "base.txt", out var error);
        error.ShouldBe("base.txt:3: expected a 16-digit hexadecimal fingerprint at the start of the line");
    }

    [Fact]
    public void W_no_name_disables_and_E_raises_by_name_or_id()
    {
        var off = new LintSettings();
        off.TryApply("no-shared-stream-id", isError: false).ShouldBeTrue();
        LintTestSupport.Lint(LintTestSupport.BadSource(Rule), off).ShouldNotContain(d => d.Descriptor.Code == Rule.Code);

        var unprotected = LintRuleTable.Find("unprotected-dma-master")!;
        var raised = new LintSettings();
        raised.TryApply("DTI1208", isError: true).ShouldBeTrue();
        LintTestSupport.Lint(LintTestSupport.BadSource(unprotected), raised).Single(d => d.Descriptor.Code == "DTI1208").Severity.ShouldBe(Severity.Error);

        var lowered = new LintSettings();
        lowered.TryApply("no-shared-stream-id", isError: true).ShouldBeTrue();
        lowered.SeverityOf(Rule).ShouldBe(Severity.Warning);
        new LintSettings().TryApply("reg_format", isError: false).ShouldBeFalse();
    }

    [Fact]
    public void Warnings_as_errors_raises_warnings_only()
    {
        var s = new LintSettings { WarningsAsErrors = true };
        s.SeverityOf(LintRuleTable.Find("DTI1011")!).ShouldBe(Severity.Error);
        s.SeverityOf(LintRuleTable.Find("DTI1207")!).ShouldBe(Severity.Note);
    }

    [Fact]
    public void Rule_ids_and_names_are_unique_and_well_formed()
    {
        LintRuleTable.All.Select(r => r.Code).Distinct().Count().ShouldBe(LintRuleTable.All.Count);
        LintRuleTable.All.Select(r => r.Name).Distinct().Count().ShouldBe(LintRuleTable.All.Count);
        foreach (var r in LintRuleTable.All)
        {
            r.Code.ShouldMatch("^DTI1[0-9]{3}$");
            r.Name.ShouldMatch("^[a-z0-9]+(-[a-z0-9]+)*$");
            r.Descriptor.Category.ShouldBe(LintRule.Category);
        }
    }
}
