using System.Text;

namespace DtIommu.Tests.Cli;

/// <summary>
/// Places where dtc 1.8.1's C strings and raw lists show through, found by the differential fuzzer and kept as
/// dtc prints them: an include name ends at a NUL, a deleted root still has its path and its (deleted) properties
/// checked, a never-merged <c>/delete-node/</c> marker has no path, two overlay-table warnings and a refused /incbin/
/// seek end without a newline, and a string's escapes are decoded as the scanner reads it. Each expectation is dtc 1.8.1's output for
/// the same input.
/// </summary>
public class DtcCStringQuirkTests
{
    private static string Dir(params (string Name, string Text)[] files)
    {
        var dir = CliProcess.TempDir();
        foreach (var (name, text) in files) File.WriteAllBytes(Path.Combine(dir, name), Encoding.Latin1.GetBytes(text));
        return dir;
    }

    /// <summary>Compiles <paramref name="source"/> as in.dts with dtc's <paramref name="options"/>.</summary>
    private static CliProcess.Result Compile(string source, params string[] options) =>
        CliProcess.RunBytes(Dir(("in.dts", source)), [.. options, "in.dts"]);

    [Fact]
    public void An_include_name_ends_at_a_nul_byte()
    {
        var dir = Dir(("inc.dts", "/ { a = <1>; };\n"), ("in.dts", "/dts-v1/;\n/include/ \"inc.dts\0x\"\n/ { b; };\n"),
            ("missing.dts", "/dts-v1/;\n/include/ \"none.dts\0x\"\n/ { };\n"));
        var ok = CliProcess.RunBytes(dir, "-O", "dts", "in.dts");
        ok.ExitCode.ShouldBe(0, ok.Stderr);
        ok.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\ta = <0x01>;\n\tb;\n};\n");
        var missing = CliProcess.RunBytes(dir, "-O", "dts", "missing.dts");
        missing.ExitCode.ShouldBe(1);
        missing.Stderr.ShouldBe("FATAL ERROR: Couldn't open \"none.dts\": No such file or directory\n");
    }

    /// <summary>
    /// dtc seeks to an /incbin/ offset before reading, and a file system refuses an offset past its largest file (a
    /// negative one, on every file system): dtc dies there, with no newline, before a syntax error later on.
    /// </summary>
    [Fact]
    public void An_incbin_offset_the_file_system_refuses_stops_the_compile()
    {
        var dir = Dir(("blob.bin", "0123456789"), ("in.dts", "/dts-v1/;\n/ {\n\tv = /incbin/(\"blob.bin\", 0x8000000000000000, 1)"),
            ("ok.dts", "/dts-v1/;\n/ {\n\tv = /incbin/(\"blob.bin\", 0x100000, 1);\n};\n"));

        var refused = CliProcess.RunBytes(dir, "-O", "dtb", "-o", "out.dtb", "in.dts");
        var beyondEnd = CliProcess.RunBytes(dir, "-O", "dts", "ok.dts");

        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldBe("FATAL ERROR: Couldn't seek to offset 9223372036854775808 in \"blob.bin\": Invalid argument");
        beyondEnd.ExitCode.ShouldBe(0, beyondEnd.Stderr);
        beyondEnd.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\tv;\n};\n");
    }

    /// <summary>
    /// A deleted root keeps its path and its (deleted) "name" property is still checked; a /delete-node/ marker
    /// that is never merged has no path, which glibc prints as (null).
    /// </summary>
    [Theory]
    [InlineData("/ { name = \"x\"; n { }; };\n/delete-node/ &{/};\n",
        "in.dts:2.3-26: ERROR (name_properties): /: \"name\" property is incorrect (\"x\" instead of base node name)\n")]
    [InlineData("/ { b { c {}; /delete-node/ c; }; };\n",
        "in.dts:2.15-31: ERROR (duplicate_node_names): (null): Duplicate node name\n")]
    public void Deleted_nodes_are_checked_under_dtcs_paths(string source, string error)
    {
        var r = Compile("/dts-v1/;\n" + source, "-O", "dts");
        r.ExitCode.ShouldBe(2);
        r.Stderr.ShouldBe(error + "ERROR: Input tree has errors, aborting (use -f to force output)\n");
    }

    [Fact]
    public void Two_overlay_table_warnings_end_without_a_newline()
    {
        var r = Compile("/dts-v1/;\n/ { aliases { foo = \"/n\"; }; foo: n { }; __symbols__ { bar = \"/nowhere\"; baz = \"/n\"; }; };\n", "-A", "-O", "dts");
        r.ExitCode.ShouldBe(0);
        r.Stderr.ShouldBe("WARNING: label foo already exists in /aliasesWarning: Path /nowhere referenced in property __symbols__/bar missing");
        r.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\n\taliases {\n\t\tfoo = \"/n\";\n\t};\n\n\tbaz: foo: n {\n\t};\n\n"
            + "\t__symbols__ {\n\t\tbar = \"/nowhere\";\n\t\tbaz = \"/n\";\n\t};\n};\n");
    }

    [Theory]
    [InlineData("/ { a = \"\\x\", \\\\ ; };\n")]
    [InlineData("/ { a = \"\\x\" \\\\ ; };\n")]
    public void A_bad_hex_escape_stops_the_scan_before_a_later_syntax_error(string body)
    {
        var r = Compile("/dts-v1/;\n" + body, "-O", "dts");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("FATAL ERROR: \\x used with no following hex digits\n");
    }

    [Fact]
    public void An_escaped_backslash_before_x_is_no_hex_escape()
    {
        var r = Compile("/dts-v1/;\n/ { a = \"\\\\x\", \\\\ ; };\n", "-O", "dts");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("Error: in.dts:2.16-17 syntax error\nFATAL ERROR: Unable to parse input tree\n");
    }

    [Fact]
    public void Table_warnings_before_a_fatal_fixup_error_are_still_printed()
    {
        var dir = Dir(("in.dts", "/dts-v1/;\n/plugin/;\n/ { __symbols__ { a = \"/n\"; }; a: n { x = <&{/missing}>; }; };\n"));
        var r = CliProcess.RunBytes(dir, "-@", "-O", "dtb", "-o", "out.dtb", "in.dts");
        r.ExitCode.ShouldBe(1);
        r.Stderr.ShouldBe("WARNING: label a already exists in /__symbols__FATAL ERROR: Can't generate fixup for reference to path &{/missing}\n");
        File.Exists(Path.Combine(dir, "out.dtb")).ShouldBeFalse();
    }
}
