namespace DtIommu.Tests.Cli;

/// <summary>
/// Files that are not there to read or write get dtc 1.8.1's reason (strerror's text) and exit status: a directory
/// opens for dtc and fails on the first read, a missing one fails to open, an output fails before anything is
/// written. Expected texts are dtc 1.8.1's output for the same command lines.
/// </summary>
public class DtcFileErrorTests
{
    private const string Ok = "/dts-v1/;\n/ { a = <1>; };\n";

    private static string Dir(params (string Name, string? Text)[] files)
    {
        var dir = CliProcess.TempDir();
        foreach (var (name, text) in files)
        {
            if (text == null) Directory.CreateDirectory(Path.Combine(dir, name));
            else File.WriteAllText(Path.Combine(dir, name), text);
        }
        return dir;
    }

    [Fact]
    public void A_pipe_as_input_is_read_once_by_the_compile_not_by_the_format_guess()
    {
        // dtc guesses the format only of a regular file; reading a pipe's magic would leave the compile without it.
        var r = CliProcess.Run(CliProcess.TempDir(), Ok, "-O", "dts", "/dev/stdin");
        r.Stderr.ShouldBe("");
        r.ExitCode.ShouldBe(0);
        r.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\ta = <0x01>;\n};\n");
    }

    [Fact]
    public void A_directory_read_as_source_stops_the_scanner_with_status_2()
    {
        var dir = Dir(("d.dts", null), ("inc.dts", "/dts-v1/;\n/include/ \"sub\"\n/ { };\n"), ("sub", null));
        var input = CliProcess.Run(dir, null, "-I", "dts", "d.dts");
        input.ExitCode.ShouldBe(2);
        input.Stderr.ShouldBe("input in flex scanner failed\n");
        var include = CliProcess.Run(dir, null, "inc.dts");
        include.ExitCode.ShouldBe(2);
        include.Stderr.ShouldBe("input in flex scanner failed\n");
    }

    [Fact]
    public void A_directory_read_as_blob_or_incbin_fails_with_is_a_directory()
    {
        var dir = Dir(("d.dtb", null), ("sub", null),
            ("bin.dts", "/dts-v1/;\n/ { a = /incbin/(\"sub\"); };\n"), ("none.dts", "/dts-v1/;\n/ { a = /incbin/(\"sub\", 4, 0); };\n"));
        var blob = CliProcess.Run(dir, null, "-I", "dtb", "d.dtb");
        blob.ExitCode.ShouldBe(1);
        blob.Stderr.ShouldBe("FATAL ERROR: Error reading DT blob magic number: Is a directory\n");
        var incbin = CliProcess.Run(dir, null, "bin.dts");
        incbin.ExitCode.ShouldBe(1);
        // dtc's message for this one has no newline.
        incbin.Stderr.ShouldBe("FATAL ERROR: Error reading file into data: Is a directory");
        // A zero length reads nothing, so dtc never finds out.
        var empty = CliProcess.Run(dir, null, "-O", "dts", "none.dts");
        empty.ExitCode.ShouldBe(0, empty.Stderr);
        empty.Stdout.ShouldBe("/dts-v1/;\n\n/ {\n\ta;\n};\n");
    }

    [Fact]
    public void Names_that_cannot_be_opened_give_strerror_text()
    {
        var dir = Dir(("a.dts", Ok));
        var longName = new string('x', 300) + ".dts";
        var tooLong = CliProcess.Run(dir, null, longName);
        tooLong.ExitCode.ShouldBe(1);
        tooLong.Stderr.ShouldBe($"FATAL ERROR: Couldn't open \"{longName}\": File name too long\n");
        CliProcess.Run(dir, null, "a.dts/b.dts").Stderr.ShouldBe("FATAL ERROR: Couldn't open \"a.dts/b.dts\": Not a directory\n");
        CliProcess.Run(dir, null, "missing.dts").Stderr.ShouldBe("FATAL ERROR: Couldn't open \"missing.dts\": No such file or directory\n");
    }

    [Fact]
    public void Output_and_dependency_files_that_cannot_be_opened_are_named()
    {
        var dir = Dir(("a.dts", Ok), ("bad.dts", "/dts-v1/;\n/ { a = <1> };\n"), ("out", null));
        var output = CliProcess.Run(dir, null, "-o", "out", "a.dts");
        output.ExitCode.ShouldBe(1);
        output.Stderr.ShouldBe("FATAL ERROR: Couldn't open output file out: Is a directory\n");
        var longName = new string('y', 300);
        CliProcess.Run(dir, null, "-o", longName, "a.dts").Stderr.ShouldBe($"FATAL ERROR: Couldn't open output file {longName}: File name too long\n");
        CliProcess.Run(dir, null, "-o", "no/such.dtb", "a.dts").Stderr.ShouldBe("FATAL ERROR: Couldn't open output file no/such.dtb: No such file or directory\n");
        // dtc opens the dependency file first: its failure is the only message, even for a source with a syntax error.
        var dep = CliProcess.Run(dir, null, "-d", "out", "-o", "a.dtb", "bad.dts");
        dep.ExitCode.ShouldBe(1);
        dep.Stderr.ShouldBe("FATAL ERROR: Couldn't open dependency file out: Is a directory\n");
        CliProcess.Run(dir, null, "-d", longName, "a.dts").Stderr.ShouldBe($"FATAL ERROR: Couldn't open dependency file {longName}: File name too long\n");
        Directory.GetFileSystemEntries(dir).Length.ShouldBe(3);
    }

    [Fact]
    public void A_name_just_under_the_limit_is_still_written()
    {
        var dir = Dir(("a.dts", Ok));
        var name = new string('z', 250) + ".dtb";
        var r = CliProcess.Run(dir, null, "-o", name, "a.dts");
        r.ExitCode.ShouldBe(0, r.Stderr);
        File.Exists(Path.Combine(dir, name)).ShouldBeTrue();
    }

    [DeviceFullFact]
    public void A_failed_write_is_a_write_error()
    {
        var dir = Dir(("a.dts", Ok));
        var blob = CliProcess.Run(dir, null, "-o", "/dev/full", "a.dts");
        blob.ExitCode.ShouldBe(1);
        // dtc's blob writer's words (dtc itself notices only when the blob outgrows its stdio buffer).
        blob.Stderr.ShouldBe("FATAL ERROR: Error writing device tree blob: No space left on device\n");
        var dts = CliProcess.Run(dir, null, "-O", "dts", "-o", "/dev/full", "a.dts");
        dts.ExitCode.ShouldBe(1);
        dts.Stderr.ShouldBe("FATAL ERROR: Error writing output file /dev/full: No space left on device\n");
    }
}

/// <summary>A fact that needs Linux's /dev/full; skipped, with the reason, elsewhere.</summary>
public sealed class DeviceFullFactAttribute : FactAttribute
{
    public DeviceFullFactAttribute()
    {
        if (!File.Exists("/dev/full")) Skip = "/dev/full does not exist on this system";
    }
}
