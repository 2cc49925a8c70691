using System.Text;
using DtIommu.Sources;
using DtIommu.Tests.Lint;

namespace DtIommu.Tests.Cli;

/// <summary>
/// dtc prints source and argument bytes raw: an <c>é</c> (bytes C3 A9) in a file name, line marker or blob name
/// comes out as those same bytes in messages and dependency files, never as <c>Ã©</c>; and such names open the
/// files they name. Standard error is read one char per byte, so each expectation spells the exact bytes.
/// </summary>
public class DtcByteTextTests
{
    /// <summary>The bytes dtc prints for <paramref name="text"/> written in UTF-8, one char per byte.</summary>
    private static string Raw(string text) => Latin1.GetString(Encoding.UTF8.GetBytes(text));

    private static void Write(string dir, string name, string text) =>
        File.WriteAllBytes(Path.Combine(dir, name), Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Include_and_incbin_names_open_their_files_and_are_printed_raw()
    {
        var dir = CliProcess.TempDir();
        Write(dir, "ü.dtsi", "/ { x; };\n");
        Write(dir, "é.bin", "AB");
        Write(dir, "ok.dts", "/dts-v1/;\n/include/ \"ü.dtsi\"\n/ { b = /incbin/(\"é.bin\"); };\n");
        Write(dir, "missing.dts", "/dts-v1/;\n/include/ \"é.dtsi\"\n/ { };\n");
        var ok = CliProcess.RunBytes(dir, "-O", "dts", "ok.dts");
        ok.ExitCode.ShouldBe(0, ok.Stderr);
        ok.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\tx;\n\tb = [41 42];\n};\n");
        var missing = CliProcess.RunBytes(dir, "missing.dts");
        missing.ExitCode.ShouldBe(1);
        missing.Stderr.ShouldBe(Raw("FATAL ERROR: Couldn't open \"é.dtsi\": No such file or directory\n"));
    }

    [Fact]
    public void Line_markers_and_argument_names_are_printed_raw()
    {
        var dir = CliProcess.TempDir();
        Write(dir, "marker.dts", "/dts-v1/;\n# 3 \"fé.dts\"\n/ { x = <1 2; };\n");
        Write(dir, "café.dts", "/dts-v1/;\n/ { x = <1 2; };\n");
        CliProcess.RunBytes(dir, "marker.dts").Stderr.ShouldBe(Raw("Error: fé.dts:3.13-14 syntax error\nFATAL ERROR: Unable to parse input tree\n"));
        CliProcess.RunBytes(dir, "café.dts").Stderr.ShouldBe(Raw("Error: café.dts:2.13-14 syntax error\nFATAL ERROR: Unable to parse input tree\n"));
        Write(dir, "né.dts", "/dts-v1/;\n/ { };\n");
        CliProcess.RunBytes(dir, "-d", "né.d", "-o", "né.dtb", "né.dts").ExitCode.ShouldBe(0);
        Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, "né.d"))).ShouldBe(Raw("né.dtb: né.dts\n"));
    }

    [Fact]
    public void Blob_names_with_high_bytes_are_printed_as_those_bytes()
    {
        var dir = CliProcess.TempDir();
        // dtc 1.6.1 made this blob (a node named by the single byte 0xCF) from a valid one in a fuzz case.
        var dts = Encoding.ASCII.GetBytes("/dts-v1/;\n/ { n { }; };\n");
        File.WriteAllBytes(Path.Combine(dir, "in.dts"), dts);
        CliProcess.RunBytes(dir, "-o", "in.dtb", "in.dts").ExitCode.ShouldBe(0);
        var blob = File.ReadAllBytes(Path.Combine(dir, "in.dtb"));
        var at = 56 + blob.AsSpan(56).IndexOf("n\0"u8);
        blob[at] = 0xCF;
        File.WriteAllBytes(Path.Combine(dir, "in.dtb"), blob);
        var r = CliProcess.RunBytes(dir, "-I", "dtb", "-O", "dts", "in.dtb");
        r.ExitCode.ShouldBe(2);
        r.Stderr.ShouldBe("<stdout>: ERROR (node_name_chars): /\u00cf: Bad character '\u00cf' in node name\nERROR: Input tree has errors, aborting (use -f to force output)\n");
    }

    [Fact]
    public void Lint_reports_are_utf8_with_source_names_decoded()
    {
        var dir = CliProcess.TempDir();
        var board = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "examples", "boards", "rules", "DTI1001-iommu-phandle-unresolved.dts"));
        Write(dir, "board.dts", "# 1 \"fé.dts\"\n" + board);
        var r = CliProcess.Run(dir, null, "lint", "board.dts");
        r.ExitCode.ShouldBe(1);
        r.Stdout.ShouldStartWith("fé.dts:");
        r.Stdout.ShouldNotContain("Ã");
    }
}
