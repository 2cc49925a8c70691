using DtIommu.Tests.Compiler;

namespace DtIommu.Tests.Cli;

public class SimulateEveryTraceTests
{
    public static TheoryData<string> StandAloneTraces()
    {
        var data = new TheoryData<string>();
        var dir = Path.Combine(DifferentialTests.RepoRoot(), "examples", "traces");
        foreach (var f in Directory.GetFiles(dir, "*.trace").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    public static TheoryData<string> BoardTraces()
    {
        var data = new TheoryData<string>();
        var dir = Path.Combine(DifferentialTests.RepoRoot(), "examples", "traces", "boards");
        foreach (var f in Directory.GetFiles(dir, "*.trace").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(StandAloneTraces))]
    public void Stand_alone_trace_replays_from_the_cli_without_a_board(string name)
    {
        var dir = Path.Combine(DifferentialTests.RepoRoot(), "examples", "traces");
        var r = CliProcess.Run(dir, null, "simulate", "--trace", name);
        var expected = File.ReadAllText(Path.Combine(dir, Path.ChangeExtension(name, ".expected")));
        // A trace that shows a replay error (an invalidation the IOMMU lacks, ...) exits 1 after its report.
        r.ExitCode.ShouldBe(expected.Contains(": error: ", StringComparison.Ordinal) ? 1 : 0, r.Stderr);
        r.Stdout.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(BoardTraces))]
    public void Board_trace_replays_from_the_cli_against_its_board(string name)
    {
        var root = DifferentialTests.RepoRoot();
        var trace = "examples/traces/boards/" + name;
        // The board is the first example board whose name starts the trace's name (pseries-qemu-ddw -> pseries-qemu).
        var board = Directory.GetFiles(Path.Combine(root, "examples", "boards"), "*.dts")
            .Select(Path.GetFileNameWithoutExtension).Where(b => name.StartsWith(b!, StringComparison.Ordinal))
            .OrderByDescending(b => b!.Length).First();
        var r = CliProcess.Run(root, null, "simulate", $"examples/boards/{board}.dts", "--trace", trace);
        r.ExitCode.ShouldBe(0, r.Stderr);
        var expected = File.ReadAllText(Path.Combine(root, Path.ChangeExtension(trace, ".expected")));
        // The checked-in report may start with the --show-platform lines.
        r.Stdout.ShouldBe(string.Concat(expected.Split('\n').Where(l => !l.StartsWith("# ", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n') + "\n");
    }
}
