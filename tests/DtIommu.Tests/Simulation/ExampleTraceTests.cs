using DtIommu.Simulation.Trace;

namespace DtIommu.Tests.Simulation;

public class ExampleTraceTests
{
    private static string TracesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "traces");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("examples/traces not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TracesDirectory(), "*.trace").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void EveryTraceHasAnExpectedOutput()
    {
        var dir = TracesDirectory();
        var traces = Directory.GetFiles(dir, "*.trace");
        traces.Length.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var t in traces) File.Exists(Path.ChangeExtension(t, ".expected")).ShouldBeTrue(t);
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void ReplayMatchesExpectedOutput(string name)
    {
        var dir = TracesDirectory();
        var actual = TraceRunner.Run(File.ReadAllText(Path.Combine(dir, name)), name);
        var expectedPath = Path.Combine(dir, Path.ChangeExtension(name, ".expected"));
        if (Environment.GetEnvironmentVariable("DTIOMMU_UPDATE_EXPECTED") == "1") File.WriteAllText(expectedPath, actual);
        actual.ShouldBe(File.ReadAllText(expectedPath));
    }
}
