using System.Runtime.CompilerServices;

namespace DtIommu.Tests.Cli;

public class DtcCommandLineTests
{
    [Fact]
    public void Reads_standard_input_and_writes_standard_output()
    {
        var r = CliProcess.Run(CliProcess.TempDir(), "/dts-v1/; / { a = <1>; };", "-O", "dts");
        r.ExitCode.ShouldBe(0);
        r.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\ta = <0x01>;\n};\n");
    }

    [Fact]
    public void Parse_error_exits_1_with_dtc_text_and_leaves_the_old_output_alone()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "bad.dts"), "/dts-v1/;\n/ { a = <1> };\n");
        File.WriteAllText(Path.Combine(dir, "out.dtb"), "previous");
        var r = CliProcess.Run(dir, null, "-o", "out.dtb", "bad.dts");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("Error: bad.dts:2.13-14 syntax error\nFATAL ERROR: Unable to parse input tree\n");
        File.ReadAllText(Path.Combine(dir, "out.dtb")).ShouldBe("previous");
        Directory.GetFiles(dir).Length.ShouldBe(2);
    }

    [Fact]
    public void Check_error_exits_2_without_output_and_f_forces_it()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "ref.dts"), "/dts-v1/;\n/ {\n\tp = <&missing>;\n};\n");
        var r = CliProcess.Run(dir, null, "-o", "out.dtb", "ref.dts");
        r.ExitCode.ShouldBe(2);
        r.Stderr.ShouldBe("ref.dts:2.3-4.3: ERROR (phandle_references): /: Reference to non-existent node or label \"missing\"\n\nERROR: Input tree has errors, aborting (use -f to force output)\n");
        File.Exists(Path.Combine(dir, "out.dtb")).ShouldBeFalse();
        var forced = CliProcess.Run(dir, null, "-f", "-o", "out.dtb", "ref.dts");
        forced.ExitCode.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(dir, "out.dtb")).Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Quiet_levels_hide_warnings_then_errors()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "w.dts"), "/dts-v1/;\n/ {\n\tn@1 { };\n};\n");
        CliProcess.Run(dir, null, "-O", "null", "w.dts").Stderr.ShouldContain("Warning (unit_address_vs_reg)");
        CliProcess.Run(dir, null, "-q", "-O", "null", "w.dts").Stderr.ShouldBe("");
    }

    [Fact]
    public void Warning_options_enable_and_disable_checks()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "w.dts"), "/dts-v1/;\n/ {\n\tn@1 { };\n};\n");
        CliProcess.Run(dir, null, "-Wno-unit_address_vs_reg", "-O", "null", "w.dts").Stderr.ShouldBe("");
        var e = CliProcess.Run(dir, null, "-E", "unit_address_vs_reg", "-O", "null", "w.dts");
        e.ExitCode.ShouldBe(2);
        e.Stderr.ShouldStartWith("w.dts:3.6-10: ERROR (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property\n");
    }

    [Fact]
    public void Bad_options_are_reported()
    {
        var dir = CliProcess.TempDir();
        CliProcess.Run(dir, "", "-H", "weird").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"weird\" to -H option\n");
        CliProcess.Run(dir, "", "-a", "3").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"3\" to -a option\n");
        CliProcess.Run(dir, "", "-W", "nonsense").Stderr.ShouldBe("FATAL ERROR: Unrecognized check name \"nonsense\"\n");
        CliProcess.Run(dir, "", "--frobnicate").ExitCode.ShouldBe(1);
        CliProcess.Run(dir, "", "a.dts", "b.dts").ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Version_and_dependency_file()
    {
        var dir = CliProcess.TempDir();
        CliProcess.Run(dir, null, "-v").Stdout.ShouldMatch(@"^Version: DTC 1\.8\.1 \(DtIommu 0\.1\.0, commit ([0-9a-f]{12}|unknown)\)\n$");
        File.WriteAllText(Path.Combine(dir, "a.dts"), "/dts-v1/;\n/include/ \"b.dtsi\"\n");
        File.WriteAllText(Path.Combine(dir, "b.dtsi"), "/ { };\n");
        CliProcess.Run(dir, null, "-d", "a.d", "-o", "a.dtb", "a.dts").ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(dir, "a.d")).ShouldBe("a.dtb: a.dts b.dtsi\n");
    }

    private static string Inputs([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "inputs");

    [Fact]
    public void Local_fixups_option_matches_dtc_1_8_1()
    {
        var r = CliProcess.Run(Inputs(), null, "-L", "-O", "dts", "local-fixups.dts");
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldBe(File.ReadAllText(Path.Combine(Inputs(), "local-fixups.L.dts")));
    }

    [Fact]
    public void Subcommands_have_their_own_usage_and_did_you_mean()
    {
        var dir = CliProcess.TempDir();
        var typo = CliProcess.Run(dir, null, "lnt", "t.dts");
        typo.ExitCode.ShouldBe(1);
        typo.Stderr.ShouldBe("dtiommu: 'lnt' is not a dtiommu command and no such file exists. Did you mean 'lint'?\n");
        var option = CliProcess.Run(dir, null, "lint", "--formt", "gcc", "t.dts");
        option.ExitCode.ShouldBe(1);
        option.Stderr.ShouldBe("dtiommu lint: unknown option '--formt'. Did you mean '--format'?\n");
        var help = CliProcess.Run(dir, null, "lint", "--help");
        help.ExitCode.ShouldBe(0);
        help.Stdout.ShouldContain("Usage:\n  dtiommu lint <board>... [options]\n");
        help.Stdout.ShouldNotContain("<input>");
    }

    [Fact]
    public void Cpp_preprocess_only_and_forced_include()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "defs.h"), "#define VALUE 7\n");
        File.WriteAllText(Path.Combine(dir, "b.dts"), "/dts-v1/;\n/ { v = <VALUE>; };\n");
        var pre = CliProcess.Run(dir, null, "--cpp", "-E", "-undef", "-nostdinc", "-x", "assembler-with-cpp", "-include", "defs.h", "-o", "b.pre", "b.dts");
        pre.ExitCode.ShouldBe(0, pre.Stderr);
        File.ReadAllText(Path.Combine(dir, "b.pre")).ShouldContain("/ { v = <7>; };");
        var dts = CliProcess.Run(dir, null, "--cpp", "-include", "defs.h", "-O", "dts", "b.dts");
        dts.ExitCode.ShouldBe(0, dts.Stderr);
        dts.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\tv = <0x07>;\n};\n");
        var error = CliProcess.Run(dir, null, "--cpp", "-include", "defs.h", "-O", "dts", "-o", "x.dts", "b.dts", "-Wnonsense");
        error.Stderr.ShouldBe("FATAL ERROR: Unrecognized check name \"nonsense\"\n");
    }

    [Fact]
    public void Batch_runs_each_line_and_exits_with_the_worst_status()
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "ok.dts"), "/dts-v1/;\n/ { a = <1>; };\n");
        File.WriteAllText(Path.Combine(dir, "ref.dts"), "/dts-v1/;\n/ {\n\tp = <&missing>;\n};\n");
        File.WriteAllText(Path.Combine(dir, "list"), "# boards\n-o ok.dtb ok.dts\n\n-o 'ref out.dtb' ref.dts\n-O dts -o \"ok 2.dts\" ok.dts\n-a 0 ok.dts\n");
        var r = CliProcess.Run(dir, null, "--batch", "list");
        r.ExitCode.ShouldBe(2);
        r.Stderr.ShouldBe("ref.dts:2.3-4.3: ERROR (phandle_references): /: Reference to non-existent node or label \"missing\"\n\n"
            + "ERROR: Input tree has errors, aborting (use -f to force output)\nlist:4: exit status 2\n"
            + "FATAL ERROR: Invalid argument \"0\" to -a option\nlist:6: exit status 1\nlist: 2 of 4 runs failed\n");
        File.Exists(Path.Combine(dir, "ok.dtb")).ShouldBeTrue();
        File.Exists(Path.Combine(dir, "ref out.dtb")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(dir, "ok 2.dts")).ShouldBe("/dts-v1/;\n\n/ {\n\ta = <0x01>;\n};\n");
    }

    [Fact]
    public void Batch_output_keeps_line_order_and_a_line_waits_for_the_blob_it_reads()
    {
        var dir = CliProcess.TempDir();
        var lines = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            // Odd boards fail with a message naming them; even ones compile. Many are in flight at once.
            File.WriteAllText(Path.Combine(dir, $"b{i}.dts"), i % 2 == 1
                ? $"/dts-v1/;\n/ {{\n\tp{i} = <&missing{i}>;\n}};\n"
                : $"/dts-v1/;\n/ {{ n = <{i}>; }};\n");
            lines.Add($"-q -o b{i}.dtb b{i}.dts");
            // Decompiles the blob the line before it writes.
            if (i % 2 == 0) lines.Add($"-I dtb -O dts -o b{i}.back.dts b{i}.dtb");
        }
        File.WriteAllText(Path.Combine(dir, "list"), string.Join("\n", lines) + "\n");
        var r = CliProcess.Run(dir, null, "--batch", "list");
        r.ExitCode.ShouldBe(2);
        var expected = new System.Text.StringBuilder();
        for (var i = 1; i < 40; i += 2)
        {
            var line = i / 2 * 3 + 3;
            expected.Append($"b{i}.dts:2.3-4.3: ERROR (phandle_references): /: Reference to non-existent node or label \"missing{i}\"\n\n")
                .Append("ERROR: Input tree has errors, aborting (use -f to force output)\n")
                .Append($"list:{line}: exit status 2\n");
        }
        expected.Append("list: 20 of 60 runs failed\n");
        r.Stderr.ShouldBe(expected.ToString());
        for (var i = 0; i < 40; i += 2)
            File.ReadAllText(Path.Combine(dir, $"b{i}.back.dts")).ShouldBe($"/dts-v1/;\n\n/ {{\n\tn = <0x{i:x2}>;\n}};\n");
    }
}
