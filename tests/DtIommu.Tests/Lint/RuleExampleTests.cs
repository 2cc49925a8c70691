using DtIommu.Lint;

namespace DtIommu.Tests.Lint;

/// <summary>Every rule fires on its bad example (id, severity, node, position) and not on its good one.</summary>
public class RuleExampleTests
{
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var r in LintRuleTable.All) data.Add(r.Code);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Bad_example_triggers_the_rule_at_the_declared_node_and_property(string code)
    {
        var rule = LintRuleTable.Find(code)!;
        // Rules that are off by default are checked as a user would run them: enabled with -W.
        var settings = new LintSettings();
        var expected = rule.Descriptor.DefaultSeverity;
        if (expected == DtIommu.Diagnostics.Severity.Off)
        {
            settings.TryApply(rule.Name, isError: false).ShouldBeTrue();
            expected = DtIommu.Diagnostics.Severity.Warning;
        }
        var findings = LintTestSupport.Lint(LintTestSupport.BadSource(rule), settings);
        var mine = findings.Where(d => d.Descriptor.Code == code).ToList();
        mine.ShouldNotBeEmpty(LintTestSupport.Dump(findings));
        var f = mine.FirstOrDefault(d => d.NodePath == rule.Bad.NodePath);
        f.ShouldNotBeNull(LintTestSupport.Dump(findings));
        f!.Severity.ShouldBe(expected);
        f.Descriptor.Name.ShouldBe(rule.Name);
        f.Property.ShouldBe(rule.Bad.Property);
        f.Span.ShouldNotBeNull();
        f.Span!.Value.File.ShouldBe(LintTestSupport.FileName);
        var line = LintTestSupport.BadSource(rule).Replace("\r\n", "\n").Split('\n')[f.Span.Value.Line - 1];
        var at = line.Substring(f.Span.Value.Column - 1);
        var nodeName = rule.Bad.NodePath.Substring(rule.Bad.NodePath.LastIndexOf('/') + 1);
        // A property finding points at the property when it is written on that node; otherwise at the node's line.
        var written = f.Property != null && at.StartsWith(f.Property + " ") || at.StartsWith(f.Property + ";");
        if (written) at.ShouldStartWith(f.Property!);
        else line.ShouldContain(nodeName + " {", Case.Sensitive, $"span {f.Span} points at '{line}'");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Good_example_does_not_trigger_the_rule(string code)
    {
        var rule = LintRuleTable.Find(code)!;
        var settings = new LintSettings();
        settings.TryApply(rule.Name, isError: false);
        var findings = LintTestSupport.Lint(LintTestSupport.GoodSource(rule), settings);
        findings.Where(d => d.Descriptor.Code == code).ShouldBeEmpty(LintTestSupport.Dump(findings));
        findings.Where(d => d.Descriptor.Code == LintRunner.RuleFailed.Code).ShouldBeEmpty();
    }
}
