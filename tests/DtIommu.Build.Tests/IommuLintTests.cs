using Microsoft.Build.Utilities;

namespace DtIommu.Build.Tests;

/// <summary>
/// The task in-process: the IOMMU lint rules behind <c>Lint</c> with their own codes, and per-tree incrementality
/// (a touched include recompiles only the trees whose dependency file lists it).
/// </summary>
public sealed class IommuLintTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private static string RuleBoard(string name) =>
        File.ReadAllText(Path.Combine(BoardProject.RepositoryRoot(), "examples", "boards", "rules", name));

    private TaskItem Item(string path, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(path);
        var output = Path.Combine(_dir.Path, "obj", Path.GetFileNameWithoutExtension(path) + ".dtb");
        item.SetMetadata("OutputFile", output);
        item.SetMetadata("DependencyFile", output + ".d");
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    private CompileDeviceTree Run(string? noWarn, params TaskItem[] items) => Run(noWarn, [], items);

    private CompileDeviceTree Run(string? noWarn, TaskItem[] sharedInputs, params TaskItem[] items)
    {
        var task = new CompileDeviceTree { BuildEngine = _engine, Sources = items, ProjectDirectory = _dir.Path, NoWarn = noWarn, SharedInputs = sharedInputs };
        task.Execute();
        return task;
    }

    [Fact]
    public void Lint_reports_the_iommu_rules_with_their_codes()
    {
        var src = _dir.Write("board.dts", RuleBoard("DTI1201-shared-stream-id.dts"));

        Run(null, Item(src, ("Lint", "true")));

        var e = _engine.Errors.ShouldHaveSingleItem();
        e.Code.ShouldBe("DTI1201");
        e.File.ShouldBe(src);
        e.LineNumber.ShouldBe(30);
        e.Message!.ShouldContain("/dma@2100000:iommus: ID 0x10");
    }

    [Fact]
    public void Without_lint_or_with_the_rule_disabled_there_is_no_finding()
    {
        var src = _dir.Write("board.dts", RuleBoard("DTI1201-shared-stream-id.dts"));
        Run(null, Item(src));
        Run(null, Item(src, ("Lint", "true"), ("Checks", "no-shared-stream-id")));
        Run("shared-stream-id", Item(src, ("Lint", "true")));
        _engine.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Touching_an_include_recompiles_only_the_trees_that_include_it()
    {
        _dir.Write("soc.dtsi", "/ { soc { }; };\n");
        var a = Item(_dir.Write("a.dts", "/dts-v1/;\n/include/ \"soc.dtsi\"\n/ { model = \"a\"; };\n"));
        var b = Item(_dir.Write("b.dts", "/dts-v1/;\n/ { model = \"b\"; };\n"));
        TaskItem[] stamp = [new(_dir.Write("settings.cache", "hash\n"))];
        File.SetLastWriteTimeUtc(stamp[0].ItemSpec, DateTime.UtcNow.AddMinutes(-1));
        Run(null, stamp, a, b).CompiledFiles.Length.ShouldBe(2);

        Run(null, stamp, a, b).CompiledFiles.ShouldBeEmpty();
        Run(null, a, b).CompiledFiles.Length.ShouldBe(2);   // without the settings stamp nothing is known to be current

        File.SetLastWriteTimeUtc(Path.Combine(_dir.Path, "soc.dtsi"), DateTime.UtcNow.AddSeconds(2));
        Run(null, stamp, a, b).CompiledFiles.ShouldHaveSingleItem().ItemSpec.ShouldBe(a.GetMetadata("OutputFile"));
        _engine.Errors.ShouldBeEmpty();
    }
}
