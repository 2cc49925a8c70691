using System.Diagnostics;
using DtIommu.Checks;
using DtIommu.Tests.Shared;
using Microsoft.Build.Utilities;

namespace DtIommu.Build.Tests;

/// <summary>The task in-process with a fake build engine: outputs, dependency files and how diagnostics are logged.</summary>
public sealed class CompileDeviceTreeTests : IDisposable
{
    private const string Valid = "/dts-v1/;\n/ {\n\tmodel = \"toy\";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\tmem@1000 { device_type = \"memory\"; reg = <0x1000 0x100>; };\n};\n";
    private readonly TempDirectory _dir = new();
    private readonly FakeBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private TaskItem Item(string path, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(path);
        var format = metadata.FirstOrDefault(m => m.Name == "OutputFormat").Value ?? "dtb";
        var output = Path.Combine(_dir.Path, "obj", Path.GetFileNameWithoutExtension(path) + "." + format);
        item.SetMetadata("OutputFile", output);
        item.SetMetadata("DependencyFile", output + ".d");
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    private (bool Ok, CompileDeviceTree Task) Run(TaskItem item, string? noWarn = null, string? warningsAsErrors = null)
    {
        var task = new CompileDeviceTree
        {
            BuildEngine = _engine,
            Sources = [item],
            ProjectDirectory = _dir.Path,
            NoWarn = noWarn,
            WarningsAsErrors = warningsAsErrors,
        };
        return (task.Execute(), task);
    }

    [DtcFact]
    public void Valid_tree_is_written_byte_identical_to_dtc()
    {
        var src = _dir.Write("board.dts", Valid);
        var item = Item(src);

        var (ok, task) = Run(item);

        ok.ShouldBeTrue();
        _engine.Errors.ShouldBeEmpty();
        var output = item.GetMetadata("OutputFile");
        task.CompiledFiles.ShouldHaveSingleItem().ItemSpec.ShouldBe(output);
        File.ReadAllBytes(output).ShouldBe(RunDtc(src));
    }

    [Fact]
    public void Syntax_error_is_one_located_error_and_no_output()
    {
        var src = _dir.Write("bad.dts", "/dts-v1/;\n/ {\n\tnode {\n\t\tprop = <1 2;\n\t};\n};\n");
        var item = Item(src);

        var (ok, task) = Run(item);

        ok.ShouldBeFalse();
        var e = _engine.Errors.ShouldHaveSingleItem();
        e.Code.ShouldBe("DT0001");
        e.File.ShouldBe(src);
        e.LineNumber.ShouldBe(4);
        e.ColumnNumber.ShouldBeGreaterThan(1);
        task.CompiledFiles.ShouldBeEmpty();
        File.Exists(item.GetMetadata("OutputFile")).ShouldBeFalse();
    }

    [Fact]
    public void Check_warning_carries_check_code_node_path_and_position()
    {
        var src = _dir.Write("warn.dts", "/dts-v1/;\n/ {\n\tfoo@1000 {\n\t\tcompatible = \"x\";\n\t};\n};\n");
        var code = CheckTable.Find("unit_address_vs_reg")!.Descriptor.Code;

        var (ok, _) = Run(Item(src));

        ok.ShouldBeTrue();
        var w = _engine.Warnings.ShouldHaveSingleItem();
        w.Code.ShouldBe(code);
        w.File.ShouldBe(src);
        w.LineNumber.ShouldBe(3);
        w.Message.ShouldStartWith("/foo@1000: ");
        w.Message.ShouldEndWith("(unit_address_vs_reg)");
    }

    [Fact]
    public void NoWarn_with_a_check_name_disables_the_check()
    {
        var src = _dir.Write("warn.dts", "/dts-v1/;\n/ {\n\tfoo@1000 { };\n};\n");

        Run(Item(src), noWarn: "CS0168;unit_address_vs_reg").Ok.ShouldBeTrue();

        _engine.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void WarningsAsErrors_with_a_check_name_fails_at_the_node()
    {
        var src = _dir.Write("warn.dts", "/dts-v1/;\n/ {\n\tfoo@1000 { };\n};\n");
        var item = Item(src);

        Run(item, warningsAsErrors: "unit_address_vs_reg").Ok.ShouldBeFalse();

        var e = _engine.Errors.ShouldHaveSingleItem();
        e.Code.ShouldBe(CheckTable.Find("unit_address_vs_reg")!.Descriptor.Code);
        e.LineNumber.ShouldBe(3);
        File.Exists(item.GetMetadata("OutputFile")).ShouldBeFalse();
    }

    [Fact]
    public void Lint_turns_on_checks_dtc_leaves_off()
    {
        var src = _dir.Write("lint.dts", "/dts-v1/;\n/ {\n\tfoo_bar = \"x\";\n};\n");

        Run(Item(src)).Ok.ShouldBeTrue();
        _engine.Warnings.ShouldBeEmpty();

        Run(Item(src, ("Lint", "true"))).Ok.ShouldBeTrue();
        _engine.Warnings.ShouldHaveSingleItem().Message!.ShouldContain("property_name_chars_strict");
    }

    [Fact]
    public void Dependency_file_lists_the_source_and_every_include()
    {
        _dir.Write("inc/soc.dtsi", "/ { soc { }; };\n");
        var src = _dir.Write("board.dts", "/dts-v1/;\n/include/ \"soc.dtsi\"\n/ { model = \"m\"; };\n");
        var item = Item(src, ("IncludePaths", "inc"));

        Run(item).Ok.ShouldBeTrue();

        File.ReadAllLines(item.GetMetadata("DependencyFile"))
            .ShouldBe([src, Path.Combine(_dir.Path, "inc", "soc.dtsi")]);
    }

    [Fact]
    public void Defines_reach_the_preprocessor_which_runs_by_default()
    {
        var src = _dir.Write("rev.dts", "/dts-v1/;\n/ {\n#ifdef WITH_REV\n\trev = <REV>;\n#endif\n};\n");
        var item = Item(src, ("OutputFormat", "dts"), ("Defines", "WITH_REV;REV=3"));

        Run(item).Ok.ShouldBeTrue(string.Join("\n", _engine.Errors.Select(e => e.Message)));

        File.ReadAllText(item.GetMetadata("OutputFile")).ShouldContain("rev = <0x03>;");
    }

    [Fact]
    public void Preprocessor_errors_are_located_in_the_source()
    {
        var src = _dir.Write("err.dts", "/dts-v1/;\n#error board not supported\n/ { };\n");

        Run(Item(src)).Ok.ShouldBeFalse();

        var e = _engine.Errors.ShouldHaveSingleItem();
        e.File.ShouldBe(src);
        e.LineNumber.ShouldBe(2);
        e.Message!.ShouldContain("board not supported");
    }

    [Fact]
    public void Symbols_metadata_adds_the_symbols_node()
    {
        var src = _dir.Write("sym.dts", "/dts-v1/;\n/ {\n\tuart0: serial { };\n};\n");
        var item = Item(src, ("OutputFormat", "dts"), ("Symbols", "true"));

        Run(item).Ok.ShouldBeTrue();

        File.ReadAllText(item.GetMetadata("OutputFile")).ShouldContain("__symbols__");
    }

    [Fact]
    public void Missing_include_is_a_located_error_not_an_exception()
    {
        var src = _dir.Write("board.dts", "/dts-v1/;\n/include/ \"nowhere.dtsi\"\n/ { };\n");

        Run(Item(src)).Ok.ShouldBeFalse();

        var e = _engine.Errors.ShouldHaveSingleItem();
        e.File.ShouldBe(src);
        e.Code.ShouldStartWith("DT");
    }

    [Fact]
    public void Unknown_output_format_fails_with_the_task_code()
    {
        var src = _dir.Write("board.dts", Valid);

        Run(Item(src, ("OutputFormat", "svg"))).Ok.ShouldBeFalse();

        var e = _engine.Errors.ShouldHaveSingleItem();
        e.Code.ShouldBe(CompileDeviceTree.TaskErrorCode);
        e.File.ShouldBe(src);
        e.Message!.ShouldContain("svg");
    }

    [Fact]
    public void Missing_source_file_fails_the_build_at_that_file()
    {
        var src = Path.Combine(_dir.Path, "gone.dts");

        Run(Item(src)).Ok.ShouldBeFalse();

        _engine.Errors.ShouldHaveSingleItem().File.ShouldBe(src);
    }

    private static byte[] RunDtc(string source)
    {
        var output = source + ".dtc.dtb";
        var psi = new ProcessStartInfo(ExternalTools.DtcPath()!, $"-I dts -O dtb -o \"{output}\" \"{source}\"") { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
        return File.ReadAllBytes(output);
    }
}
