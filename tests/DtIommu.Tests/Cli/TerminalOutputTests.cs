using System.Diagnostics;
using DtIommu.Lint;

namespace DtIommu.Tests.Cli;

/// <summary>Under a pseudo-terminal (util-linux <c>script</c>) dtiommu prints its text and no escape sequence, as dtc.</summary>
public class TerminalOutputTests
{
    [ScriptFact]
    public void Version_and_lint_under_a_terminal_print_no_escape_codes()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "board.dts"), DtIommu.Tests.Lint.LintTestSupport.BadSource(LintRuleTable.Find("DTI1201")!));
        foreach (var args in new[] { "-v", "lint board.dts", "-I dts -O dts board.dts", "lint --help", "model --help" })
        {
            var output = UnderTerminal(dir, args);
            output.ShouldNotContain("\u001b", customMessage: args);
            output.Length.ShouldBeGreaterThan(10, args);
        }
    }

    [ScriptFact]
    public void A_long_run_shows_progress_on_the_terminal_with_carriage_returns_only()
    {
        var rules = Path.Combine(Lint.RepositoryFiles.Root, "examples", "boards", "rules");
        var boards = string.Join(' ', Directory.GetFiles(rules, "*.dts").Order(StringComparer.Ordinal).Select(f => $"\"{f}\""));
        // Progress shows once a run has gone on for a while; the test makes that while zero instead of depending on speed.
        var output = UnderTerminal(rules, "lint -f json " + boards, progressAfterMs: 0);
        output.ShouldContain("\rlinting ");
        output.ShouldNotContain("\u001b");
        CliProcess.Run(rules, null, ["lint", "-f", "json", .. Directory.GetFiles(rules, "*.dts")]).Stderr.ShouldNotContain("linting ");
    }

    private static string UnderTerminal(string dir, string args, int? progressAfterMs = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "dtiommu.dll");
        var psi = new ProcessStartInfo("script") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardInput = true };
        if (progressAfterMs is { } ms) psi.Environment["DTIOMMU_PROGRESS_AFTER_MS"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var a in new[] { "-qec", $"dotnet \"{dll}\" {args}", "/dev/null" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
}

/// <summary>A fact that needs util-linux <c>script</c> to make a pseudo-terminal.</summary>
public sealed class ScriptFactAttribute : FactAttribute
{
    public ScriptFactAttribute()
    {
        if (!File.Exists("/usr/bin/script")) Skip = "util-linux script is not installed (it provides the pseudo-terminal)";
    }
}
