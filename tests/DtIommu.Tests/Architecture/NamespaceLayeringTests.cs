using DtIommu.Tests.Lint;

namespace DtIommu.Tests.Architecture;

/// <summary>
/// The pipeline runs one way (text, preprocessor, parser, tree builder, device tree, then writers, checks, model,
/// simulators, lint): shared types sit below their users, so no namespace imports one that imports it back.
/// </summary>
public class NamespaceLayeringTests
{
    private static NamespaceGraph ProductGraph()
    {
        var graph = new NamespaceGraph();
        var compiler = Path.Combine(RepositoryFiles.Root, "compiler");
        foreach (var file in Directory.EnumerateFiles(compiler, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryFiles.Root, file);
            if (relative.Contains("/obj/") || relative.Contains("/bin/")) continue;
            graph.AddSource(relative, File.ReadAllText(file));
        }
        return graph;
    }

    [Fact]
    public void No_namespace_imports_one_that_imports_it_back()
    {
        var graph = ProductGraph();
        var cycles = graph.Cycles();
        var described = cycles.Select(c => string.Join(" <-> ", c) + " (" +
            string.Join(", ", c.SelectMany(a => c.Select(b => graph.Witness(a, b))).Where(w => w != null)) + ")");
        cycles.ShouldBeEmpty("namespace cycles: " + string.Join("; ", described));
    }

    [Fact]
    public void The_syntax_and_the_writers_sit_below_the_compilation()
    {
        var graph = ProductGraph();
        foreach (var lower in new[] { "DtIommu.Syntax", "DtIommu.Blob", "DtIommu.Writers", "DtIommu.Checks", "DtIommu.Model" })
            graph.Imports(lower, "DtIommu.Compilation").ShouldBeFalse($"{lower} imports DtIommu.Compilation");
        graph.Imports("DtIommu.Compilation", "DtIommu.Syntax").ShouldBeTrue();
    }

    [Fact]
    public void Lint_reads_the_model_and_the_simulators_verdicts()
    {
        var graph = ProductGraph();
        graph.Imports("DtIommu.Lint", "DtIommu.Simulation.Probe").ShouldBeTrue();
        graph.Imports("DtIommu.Simulation.Probe", "DtIommu.Lint").ShouldBeFalse();
    }

    [Fact]
    public void A_loop_through_three_namespaces_is_found()
    {
        var graph = new NamespaceGraph();
        graph.AddSource("a.cs", "using DtIommu.B;\nnamespace DtIommu.A;\n");
        graph.AddSource("b.cs", "using DtIommu.C;\nnamespace DtIommu.B;\n");
        graph.AddSource("c.cs", "using DtIommu.A;\nnamespace DtIommu.C;\n");
        graph.AddSource("d.cs", "using DtIommu.A;\nnamespace DtIommu.D;\n");
        graph.Cycles().ShouldBe([["DtIommu.A", "DtIommu.B", "DtIommu.C"]]);
        graph.Witness("DtIommu.C", "DtIommu.A").ShouldBe("c.cs");
    }
}
