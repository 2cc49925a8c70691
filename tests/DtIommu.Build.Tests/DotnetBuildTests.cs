using DtIommu.Checks;

namespace DtIommu.Build.Tests;

/// <summary>End to end: real <c>dotnet build</c> runs on a throwaway board project.</summary>
public sealed class DotnetBuildTests : IDisposable
{
    private const string Skipped = "Skipping target \"DeviceTreeCompile\" because all output files are up-to-date";
    private readonly BoardProject _board = new("""
        <ItemGroup><DeviceTree Update="board.dts" IncludePaths="include" /></ItemGroup>
        """);

    public void Dispose() => _board.Dispose();

    private string ObjDtb => _board.PathOf("obj/Debug/net10.0/dtb/board.dtb");
    private string BinDtb => _board.PathOf("bin/Debug/net10.0/dtb/board.dtb");

    private void WriteBoard()
    {
        _board.Write("include/clocks.h", "/ { clocks { }; };\n");
        _board.Write("soc.dtsi", "/include/ \"clocks.h\"\n/ { soc { compatible = \"simple-bus\"; }; };\n");
        _board.Write("board.dts", "/dts-v1/;\n/include/ \"soc.dtsi\"\n/ { model = \"board\"; };\n");
    }

    private (int ExitCode, string Output) Build(string arguments = "") => _board.Dotnet("build", arguments);

    private void Touch(string relative) =>
        File.SetLastWriteTimeUtc(_board.PathOf(relative), File.GetLastWriteTimeUtc(ObjDtb).AddSeconds(2));

    [Fact]
    public void Builds_then_skips_then_rebuilds_when_an_include_or_header_changes()
    {
        WriteBoard();

        var (rc, log) = Build();
        rc.ShouldBe(0, log);
        File.Exists(BinDtb).ShouldBeTrue(log);
        File.ReadAllBytes(BinDtb).ShouldBe(File.ReadAllBytes(ObjDtb));
        var first = File.GetLastWriteTimeUtc(ObjDtb);

        (rc, log) = Build();
        rc.ShouldBe(0, log);
        log.ShouldContain(Skipped);
        File.GetLastWriteTimeUtc(ObjDtb).ShouldBe(first);

        Touch("soc.dtsi");
        (rc, log) = Build();
        rc.ShouldBe(0, log);
        log.ShouldNotContain(Skipped);
        var second = File.GetLastWriteTimeUtc(ObjDtb);
        second.ShouldBeGreaterThan(first);

        Touch("include/clocks.h");
        (rc, log) = Build();
        rc.ShouldBe(0, log);
        log.ShouldNotContain(Skipped);
        File.GetLastWriteTimeUtc(ObjDtb).ShouldBeGreaterThan(second);
    }

    [Fact]
    public void Rebuilds_when_a_preprocessor_header_changes()
    {
        _board.Write("include/board.h", "#define MODEL \"from-header\"\n");
        _board.Write("board.dts", "/dts-v1/;\n#include \"board.h\"\n/ { model = MODEL; };\n");

        var (rc, log) = Build();
        rc.ShouldBe(0, log);
        var first = File.GetLastWriteTimeUtc(ObjDtb);
        System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(ObjDtb)).ShouldContain("from-header");
        File.ReadAllLines(ObjDtb + ".d").ShouldContain(_board.PathOf("include/board.h"));

        Touch("include/board.h");
        (rc, log) = Build();
        rc.ShouldBe(0, log);
        log.ShouldNotContain(Skipped);
        File.GetLastWriteTimeUtc(ObjDtb).ShouldBeGreaterThan(first);
    }

    [Fact]
    public void Syntax_error_fails_the_build_with_a_located_diagnostic()
    {
        _board.Write("board.dts", "/dts-v1/;\n/ {\n\tnode {\n\t\tprop = <1 2;\n\t};\n};\n");

        var (rc, log) = Build();

        rc.ShouldNotBe(0, log);
        log.ShouldMatch(@"board\.dts\(4,\d+\): error DT0001: ");
        log.ShouldNotContain("   at DtIommu");
        File.Exists(ObjDtb).ShouldBeFalse();
    }

    [Fact]
    public void NoWarn_and_WarningsAsErrors_apply_to_check_codes()
    {
        _board.Write("board.dts", "/dts-v1/;\n/ {\n\tfoo@1000 { };\n};\n");
        var code = CheckTable.Find("unit_address_vs_reg")!.Descriptor.Code;

        var (rc, log) = Build();
        rc.ShouldBe(0, log);
        log.ShouldMatch($@"board\.dts\(3,\d+\): warning {code}: /foo@1000: ");

        // A property change alone must re-run the compiler, or the suppressed warning would still be "up to date".
        (rc, log) = Build($"-p:NoWarn={code}");
        rc.ShouldBe(0, log);
        log.ShouldNotContain($"warning {code}");
        log.ShouldNotContain(Skipped);

        (rc, log) = Build($"-p:WarningsAsErrors={code}");
        rc.ShouldNotBe(0, log);
        log.ShouldMatch($@"board\.dts\(3,\d+\): error {code}: ");
    }

    [Fact]
    public void Clean_removes_outputs_from_obj_and_bin()
    {
        WriteBoard();
        Build().ExitCode.ShouldBe(0);
        File.Exists(BinDtb).ShouldBeTrue();

        var (rc, log) = _board.Dotnet("clean");

        rc.ShouldBe(0, log);
        File.Exists(ObjDtb).ShouldBeFalse();
        File.Exists(BinDtb).ShouldBeFalse();
        File.Exists(ObjDtb + ".d").ShouldBeFalse();
    }

    [Fact]
    public void Overlays_are_picked_up_and_a_touched_dtsi_rebuilds_only_its_trees()
    {
        WriteBoard();
        _board.Write("other.dts", "/dts-v1/;\n/ { model = \"other\"; };\n");
        _board.Write("camera.dtso", "/dts-v1/;\n/plugin/;\n&{/} { camera { status = \"okay\"; }; };\n");

        var (rc, log) = Build();
        rc.ShouldBe(0, log);
        File.Exists(_board.PathOf("bin/Debug/net10.0/dtb/camera.dtbo")).ShouldBeTrue(log);
        var other = _board.PathOf("obj/Debug/net10.0/dtb/other.dtb");
        var otherBuilt = File.GetLastWriteTimeUtc(other);
        var boardBuilt = File.GetLastWriteTimeUtc(ObjDtb);

        Touch("soc.dtsi");
        (rc, log) = Build();
        rc.ShouldBe(0, log);
        File.GetLastWriteTimeUtc(ObjDtb).ShouldBeGreaterThan(boardBuilt);
        File.GetLastWriteTimeUtc(other).ShouldBe(otherBuilt);
        log.ShouldContain("other.dts: up to date");
    }
}
