using DtIommu.Compilation;
using DtIommu.Iommu.Resolve;
using DtIommu.Sources;
using DtIommu.Tests.Compiler;
using DtIommu.Tests.Iommu;
using Xunit.Abstractions;

namespace DtIommu.Tests.Simulation.Probe;

/// <summary>Runs only where the Linux 6.1 corpus of compiled boards exists.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public static string Directory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dtiommu-corpus", "ref");

    public CorpusFactAttribute()
    {
        if (!System.IO.Directory.Exists(Directory)) Skip = $"the Linux 6.1 corpus is not at {Directory} (every board of Debian's linux-source-6.1, preprocessed, with its dtc blob under ref/)";
    }
}

/// <summary>The boot probe and the static model agree on every example board and every board of the 6.1 corpus.</summary>
public class BootProbeCrossCheckTests(ITestOutputHelper output)
{
    [Fact]
    public void ProbeAgreesWithTheStaticModelOnEveryExampleBoard()
    {
        var check = new ProbeCrossCheck();
        var dir = Path.Combine(DifferentialTests.RepoRoot(), "examples", "boards");
        var boards = System.IO.Directory.GetFiles(dir, "*.dts", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        boards.Count.ShouldBeGreaterThan(5);
        foreach (var f in boards)
        {
            var files = new DiskFileSource();
            var r = DtcCompiler.Compile(new DtcOptions { Input = f, InputFormat = "dts", OutputFormat = "dtb", Force = true, Quiet = 3 }, files);
            if (r.Tree == null) continue;
            check.Check(Path.GetRelativePath(dir, f), IommuModelBuilder.Build(r.Tree, IommuTestSupport.Shipped));
        }
        output.WriteLine(check.Summary());
        check.Cells.ShouldBeGreaterThan(0);
        check.Disagreements.ShouldBeEmpty(check.Summary());
    }

    [CorpusFact]
    public void ProbeAgreesWithTheStaticModelOnTheCorpus()
    {
        var check = new ProbeCrossCheck();
        int boards = 0;
        foreach (var f in System.IO.Directory.GetFiles(CorpusFactAttribute.Directory, "*.dtb", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var r = DtcCompiler.Compile(new DtcOptions { Input = f, InputFormat = "dtb", OutputFormat = "dtb", Force = true, Quiet = 3 }, new DiskFileSource());
            if (r.Tree == null) continue;
            boards++;
            check.Check(Path.GetRelativePath(CorpusFactAttribute.Directory, f), IommuModelBuilder.Build(r.Tree, IommuTestSupport.Shipped));
        }
        output.WriteLine($"{boards} boards: " + check.Summary());
        foreach (var g in check.KnownModelGaps["driver group"].GroupBy(x => x[(x.LastIndexOf('(') + 1)..^1]))
            output.WriteLine($"driver group gap, {g.Key}: {g.Count()} master pairs");
        foreach (var d in check.Disagreements.Take(200)) output.WriteLine(d);
        check.Disagreements.ShouldBeEmpty(check.Summary());
    }
}
