using System.Runtime.CompilerServices;
using DtIommu.Cli;
using DtIommu.Model;

namespace DtIommu.Tests.Cli;

/// <summary>The root command line as dtc 1.8.1's getopt_long reads it, with dtc's and glibc's exact texts.</summary>
public class DtcGetoptTests
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static DtcRequest Parse(params string[] args) => DtcCommand.Parse(args);

    /// <summary>dtc's usage text followed by DtIommu's additions, ending with dtc's error line.</summary>
    private static void ShouldBeUsageError(DtcRequest r, string getoptLine, string error)
    {
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldBe("");
        r.Stderr.ShouldStartWith(getoptLine + File.ReadAllText(Path.Combine(Here(), "dtc-1.8.1-usage.txt")) + "\nDtIommu also has: ");
        r.Stderr.ShouldEndWith("\nError: " + error + "\n");
    }

    [Fact]
    public void Help_prints_dtc_1_8_1_usage_on_stdout_and_exits_0()
    {
        var r = Parse("-h");
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldBe("");
        r.Stdout.ShouldStartWith(File.ReadAllText(Path.Combine(Here(), "dtc-1.8.1-usage.txt")));
        r.Stdout.ShouldContain("\n      --cpp  ");
        Parse("--help").Stdout.ShouldBe(r.Stdout);
        Parse("--he").Stdout.ShouldBe(r.Stdout);
    }

    [Fact]
    public void Getopt_complaints_are_glibcs_followed_by_usage_on_stderr()
    {
        ShouldBeUsageError(Parse("-x"), "dtiommu: invalid option -- 'x'\n", "unknown option");
        ShouldBeUsageError(Parse("--foo=3"), "dtiommu: unrecognized option '--foo=3'\n", "unknown option");
        ShouldBeUsageError(Parse("--ou", "x"), "dtiommu: option '--ou' is ambiguous; possibilities: '--out' '--out-format' '--out-version' '--out-dependency'\n", "unknown option");
        ShouldBeUsageError(Parse("--quiet=1"), "dtiommu: option '--quiet' doesn't allow an argument\n", "unknown option");
        ShouldBeUsageError(Parse("--out"), "dtiommu: option '--out' requires an argument\n", "unknown option");
        ShouldBeUsageError(Parse("-qo"), "dtiommu: option requires an argument -- 'o'\n", "unknown option");
        ShouldBeUsageError(Parse("a.dts", "b.dts"), "", "missing files");
    }

    [Fact]
    public void Options_are_acted_on_in_order_so_the_first_bad_one_decides()
    {
        Parse("-a", "0", "-x").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"0\" to -a option\n");
        Parse("-a", "3").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"3\" to -a option\n");
        Parse("-Hweird", "-a", "0").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"weird\" to -H option\n");
        Parse("-W", "nonsense").Stderr.ShouldBe("FATAL ERROR: Unrecognized check name \"nonsense\"\n");
        Parse("-v", "-x").Stdout.ShouldBe(DtcCommand.VersionText + "\n");
        Parse("--version").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Absurd_sizes_are_refused_instead_of_spinning()
    {
        Parse("-R", "99999999999").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"99999999999\" to -R option: more than 16777216 reserve entries\n");
        Parse("-R", "-1").ExitCode.ShouldBe(1);
        Parse("-S", "0x20000000").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"0x20000000\" to -S option: more than 268435456 bytes\n");
        Parse("-p4294967296").Stderr.ShouldBe("FATAL ERROR: Invalid argument \"4294967296\" to -p option: more than 268435456 bytes\n");
        Parse("-R", "4", "-S", "0x1000").Options!.ReserveSlots.ShouldBe(4);
    }

    [Fact]
    public void Clusters_attached_arguments_long_forms_and_permuted_operands()
    {
        var o = Parse("-qqTs", "in.dts", "-ofirst", "--out=out.dtb", "-O", "dtb", "--in-f", "dts", "-b0x10", "-@L").Options!;
        o.Quiet.ShouldBe(2);
        o.Annotate.ShouldBe(1);
        o.Sort.ShouldBeTrue();
        o.Input.ShouldBe("in.dts");
        o.Output.ShouldBe("out.dtb");
        o.OutputFormat.ShouldBe("dtb");
        o.InputFormat.ShouldBe("dts");
        o.BootCpu.ShouldBe(16);
        o.Symbols.ShouldBeTrue();
        o.LocalFixups.ShouldBeTrue();
        Parse("--", "-odd.dts").Options!.Input.ShouldBe("-odd.dts");
        Parse("-").Options!.Input.ShouldBe("-");
    }

    [Fact]
    public void Repeated_options_let_the_last_win_and_lists_keep_order()
    {
        var o = Parse("-o", "a", "-o", "b", "-H", "both", "-H", "legacy", "-R", "1", "-R", "2", "-i", "x", "-iy",
            "-W", "no-unit_address_vs_reg", "-Eunit_address_vs_reg", "--warning", "reg_format").Options!;
        o.Output.ShouldBe("b");
        o.PhandleFormat.ShouldBe(PhandleFormat.Legacy);
        o.ReserveSlots.ShouldBe(2);
        o.IncludeDirectories.ShouldBe(["x", "y"]);
        o.CheckOptions.ShouldBe([(false, "no-unit_address_vs_reg"), (true, "unit_address_vs_reg"), (false, "reg_format")]);
    }

    [Fact]
    public void Cpp_switches_are_accepted_only_with_cpp()
    {
        var r = Parse("-E", "-undef", "-nostdinc", "-x", "assembler-with-cpp", "-include", "a.h", "-D__DTS__", "-U", "X", "--cpp", "in.dts");
        r.ExitCode.ShouldBeNull();
        r.PreprocessOnly.ShouldBeTrue();
        r.ForcedIncludes.ShouldBe(["a.h"]);
        r.Options!.Preprocess.ShouldBeTrue();
        r.Options.Defines.ShouldBe([("__DTS__", false), ("X", true)]);
        r.Options.Input.ShouldBe("in.dts");
        Parse("--cpp", "-Eunit_address_vs_reg", "in.dts").Options!.CheckOptions.ShouldBe([(true, "unit_address_vs_reg")]);
        Parse("--cpp", "-xc", "in.dts").Stderr.ShouldStartWith("dtiommu: language \"c\" is not supported with --cpp (only assembler-with-cpp)\nUsage: ");
        // Without --cpp these are dtc's clusters: -u is no dtc option.
        ShouldBeUsageError(Parse("-undef"), "dtiommu: invalid option -- 'u'\n", "unknown option");
        Parse("-E", "unit_address_vs_reg").Options!.CheckOptions.ShouldBe([(true, "unit_address_vs_reg")]);
    }

    [Fact]
    public void Batch_stands_alone()
    {
        Parse("--batch", "list").BatchFile.ShouldBe("list");
        ShouldBeUsageError(Parse("--batch", "list", "-q"), "", "--batch takes no other options or files");
    }

    [Fact]
    public void Subcommand_typos_are_caught_only_when_no_such_file_exists()
    {
        Program.SubcommandTypo("lnt").ShouldBe("lint");
        Program.SubcommandTypo("modle").ShouldBe("model");
        Program.SubcommandTypo("simulat").ShouldBe("simulate");
        Program.SubcommandTypo("board.dts").ShouldBeNull();
        Program.SubcommandTypo("-lnt").ShouldBeNull();
        Program.SubcommandTypo(Path.Combine(Here(), "inputs")).ShouldBeNull();
    }
}
