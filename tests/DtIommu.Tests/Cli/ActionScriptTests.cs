using System.Diagnostics;
using DtIommu.Tests.Lint;

namespace DtIommu.Tests.Cli;

/// <summary>
/// The GitHub Action's script (.github/scripts/lint-changed-boards.sh) on a temporary git repository with a
/// pull-request-like diff: a changed .dtsi lints exactly the boards that include it, found through dtiommu's -d files.
/// </summary>
public class ActionScriptTests
{
    private const string Board = "/dts-v1/;\n/ {\n\tmodel = \"c\";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n};\n";

    [GitFact]
    public void A_changed_dtsi_lints_the_boards_that_include_it_and_only_those()
    {
        var repo = NewRepository();
        Edit(repo, "dts/shared-soc.dtsi", "reg = <0x1000000 0x20000>", "reg = <0x1000000 0x20001>");
        var (rc, output) = RunScript(repo);
        rc.ShouldBe(1, output);   // the SoC's shared stream ID is an error
        File.ReadAllLines(Path.Combine(repo, "lint-boards.txt")).ShouldBe(["dts/board-a.dts", "dts/board-b.dts"], output);
        output.ShouldContain("::error file=dts/shared-soc.dtsi,line=29");
        File.ReadAllText(Path.Combine(repo, "dtiommu.sarif")).ShouldContain("\"ruleId\": \"DTI1201\"");
    }

    [GitFact]
    public void A_changed_board_alone_is_linted_alone()
    {
        var repo = NewRepository();
        Edit(repo, "dts/board-c.dts", "model = \"c\"", "model = \"c2\"");
        var (rc, output) = RunScript(repo);
        rc.ShouldBe(0, output);
        File.ReadAllLines(Path.Combine(repo, "lint-boards.txt")).ShouldBe(["dts/board-c.dts"], output);
    }

    private static string NewRepository()
    {
        var repo = CliProcess.TempDir();
        var dts = Directory.CreateDirectory(Path.Combine(repo, "dts")).FullName;
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "tests", "DtIommu.Tests", "Lint", "Boards")))
            File.Copy(f, Path.Combine(dts, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dts, "board-c.dts"), Board);
        Git(repo, "init", "-q");
        Git(repo, "add", "-A");
        Git(repo, "commit", "-qm", "base");
        return repo;
    }

    private static void Edit(string repo, string file, string from, string to)
    {
        var path = Path.Combine(repo, file);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to));
        Git(repo, "commit", "-qam", "change");
    }

    private static (int ExitCode, string Output) RunScript(string repo)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(RepositoryFiles.Root, ".github", "scripts", "lint-changed-boards.sh"));
        psi.Environment["DTIOMMU"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "dtiommu.dll");
        psi.Environment["BASE"] = "HEAD~1";
        psi.Environment["BOARDS"] = "dts/*.dts";
        psi.Environment.Remove("GITHUB_OUTPUT");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    private static void Git(string repo, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardError = true };
        foreach (var (k, v) in new[] { ("GIT_AUTHOR_NAME", "t"), ("GIT_AUTHOR_EMAIL", "t@example.com"), ("GIT_COMMITTER_NAME", "t"), ("GIT_COMMITTER_EMAIL", "t@example.com") })
            psi.Environment[k] = v;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, "git " + string.Join(' ', args) + ": " + err);
    }
}

/// <summary>A fact that needs git and bash on the PATH.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        if (!path.Any(d => File.Exists(Path.Combine(d, "git"))) || !path.Any(d => File.Exists(Path.Combine(d, "bash"))))
            Skip = "git and bash are needed to run the action's script";
    }
}
