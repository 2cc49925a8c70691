using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Lint;
using DtIommu.Sources;
using DtIommu.Tests.Iommu;

namespace DtIommu.Tests.Lint;

/// <summary>Compiles a DTS text and lints it with the shipped bindings.</summary>
internal static class LintTestSupport
{
    public const string FileName = "board.dts";

    public static IReadOnlyList<Diagnostic> Lint(string dts, LintSettings? settings = null)
    {
        var files = new MemoryFileSource().Add(FileName, dts);
        var result = DtcCompiler.Compile(new DtcOptions { Input = FileName, InputFormat = "dts", OutputFormat = "dtb", Force = true, Quiet = 3 }, files);
        result.Tree.ShouldNotBeNull(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return LintRunner.Run(result.Tree!, IommuTestSupport.Shipped, settings ?? new LintSettings()).Findings;
    }

    /// <summary>The board that triggers <paramref name="rule"/>.</summary>
    public static string BadSource(LintRule rule) => RuleExamples.Read(RepositoryFiles.Root, RuleExamples.BadBoard(rule));

    /// <summary>The same board fixed.</summary>
    public static string GoodSource(LintRule rule) => RuleExamples.Read(RepositoryFiles.Root, RuleExamples.GoodBoard(rule));

    public static string Dump(IEnumerable<Diagnostic> findings) =>
        string.Join("\n", findings.Select(d => $"{d.Descriptor.Code} {d.Descriptor.Name} {d.NodePath}:{d.Property} @{d.Span}: {d.Message}"));
}
