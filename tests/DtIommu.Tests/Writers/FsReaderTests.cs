using DtIommu.Blob;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Sources;
using DtIommu.Tests.Shared;

namespace DtIommu.Tests.Writers;

public sealed class FsReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dtiommu-fs-" + Guid.NewGuid().ToString("N"));

    public FsReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, params byte[] bytes)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private void BuildBoard()
    {
        Write("compatible", "test,board\0"u8.ToArray());
        Write("#size-cells", 0, 0, 0, 0);
        Write("#address-cells", 0, 0, 0, 1);
        Write("cpus/cpu@1/reg", 0, 0, 0, 4);
        Write("cpus/cpu@0/reg", 0, 0, 0, 3);
        Write("cpus/cpu@0/device_type", "cpu\0"u8.ToArray());
        Write("soc/uart@1000/blob", 1, 2, 0xff);
        Write("soc/uart@1000/empty");
        Write("soc/uart@1000/strs", "a\0b\0"u8.ToArray());
    }

    /// <summary>The names in <paramref name="relative"/> in the order the file system lists them (readdir's).</summary>
    private string[] Listed(string relative, bool directories) =>
        [.. Directory.EnumerateFileSystemEntries(Path.Combine(_dir, relative))
            .Where(p => Directory.Exists(p) == directories).Select(p => Path.GetFileName(p)!)];

    [Fact]
    public void Files_become_properties_and_directories_nodes_in_directory_order()
    {
        BuildBoard();
        var tree = FsReader.Read(_dir);

        tree.Root.Name.ShouldBe("");
        // dtc takes readdir's order, not a sorted one; on ext4 and tmpfs the two differ for these names.
        tree.Root.Properties.Select(p => p.Name).ShouldBe(Listed("", directories: false));
        tree.Root.Properties.Select(p => p.Name).ShouldBe(["#address-cells", "#size-cells", "compatible"], ignoreOrder: true);
        tree.Root.Children.Select(c => c.Name).ShouldBe(Listed("", directories: true));
        var cpus = tree.Root.GetChild("cpus")!;
        cpus.Children.Select(c => c.Name).ShouldBe(Listed("cpus", directories: true));
        cpus.Children.Select(c => c.FullPath).ShouldBe(["/cpus/cpu@0", "/cpus/cpu@1"], ignoreOrder: true);
        var uart = NodeLookup.ByPath(tree.Root, "/soc/uart@1000")!;
        uart.GetProperty("blob")!.Value.Bytes.ToArray().ShouldBe(new byte[] { 1, 2, 0xff });
        uart.GetProperty("empty")!.Value.Length.ShouldBe(0);
        uart.GetProperty("strs")!.Value.Markers.ToArray().ShouldBe([new Marker(MarkerKind.TypeNone, 0, null)]);
        // dtc guesses the boot CPU from the first /cpus child's reg.
        tree.BootCpuId.ShouldBe(cpus.Children[0].Name == "cpu@0" ? 3u : 4u);
    }

    [DtcFact]
    public void The_tree_compiles_to_the_same_dts_as_dtc_prints_it()
    {
        BuildBoard();
        // dtc 1.6.1 prints "a\0b" where 1.8.1 (and dtiommu) print "a", "b"; the test compares with the installed dtc.
        File.Delete(Path.Combine(_dir, "soc/uart@1000/strs"));
        // Created out of order, so directory order and name order disagree.
        foreach (var name in new[] { "zeta", "alpha", "mid", "beta" }) Write("soc/" + name, (byte)name[0], 0);
        foreach (var name in new[] { "zz", "aa", "mm" }) Directory.CreateDirectory(Path.Combine(_dir, name));
        var result = DtcCompiler.Compile(
            new DtcOptions { Input = _dir, InputFormat = "fs", OutputFormat = "dts", Quiet = 3 }, DiskFileSource.Instance);
        result.ExitCode.ShouldBe(0);
        var psi = new System.Diagnostics.ProcessStartInfo(ExternalTools.DtcPath()!, ["-q", "-I", "fs", "-O", "dts", _dir]) { RedirectStandardOutput = true };
        using var dtc = System.Diagnostics.Process.Start(psi)!;
        var expected = dtc.StandardOutput.BaseStream;
        using var bytes = new MemoryStream();
        expected.CopyTo(bytes);
        dtc.WaitForExit();
        Latin1.GetString(result.Output!).ShouldBe(Latin1.GetString(bytes.ToArray()));
    }

    [Fact]
    public void Symbolic_links_are_followed_like_stat_does()
    {
        Write("real/value", 0xde, 0xad);
        File.CreateSymbolicLink(Path.Combine(_dir, "alias"), Path.Combine(_dir, "real/value"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "linked"), Path.Combine(_dir, "real"));
        var tree = FsReader.Read(_dir);
        tree.Root.GetProperty("alias")!.Value.Bytes.ToArray().ShouldBe(new byte[] { 0xde, 0xad });
        tree.Root.GetChild("linked")!.GetProperty("value")!.Value.Bytes.ToArray().ShouldBe(new byte[] { 0xde, 0xad });
    }

    [Fact]
    public void A_dangling_link_is_dtcs_stat_error_named_with_the_joined_path()
    {
        File.CreateSymbolicLink(Path.Combine(_dir, "broken"), Path.Combine(_dir, "nowhere"));
        Should.Throw<FatalCompilationException>(() => FsReader.Read(_dir + "/"))
            .Message.ShouldBe($"stat({_dir}/broken): No such file or directory");
    }

    [Fact]
    public void A_link_loop_ends_in_dtcs_stat_error_instead_of_recursing_forever()
    {
        Write("a/x", 1);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "a/up"), "..");
        var message = Should.Throw<FatalCompilationException>(() => FsReader.Read(_dir)).Message;
        // The kernel follows 40 links in one path; the 41st makes stat() fail, which dtc reports.
        message.ShouldBe($"stat({_dir}{string.Concat(Enumerable.Repeat("/a/up", 41))}): Too many levels of symbolic links");
    }

    [Fact]
    public void A_missing_directory_is_a_located_fatal_error()
    {
        var missing = Path.Combine(_dir, "absent");
        var result = DtcCompiler.Compile(
            new DtcOptions { Input = missing, InputFormat = "fs", OutputFormat = "dtb" }, DiskFileSource.Instance);
        result.ExitCode.ShouldBe(1);
        result.Output.ShouldBeNull();
        result.Diagnostics.Single().Message.ShouldBe($"Couldn't opendir() \"{missing}\": No such file or directory");
    }

    [Fact]
    public void A_file_given_as_the_directory_is_not_a_directory()
    {
        Write("plain", 1);
        var plain = Path.Combine(_dir, "plain");
        Should.Throw<FatalCompilationException>(() => FsReader.Read(plain))
            .Message.ShouldBe($"Couldn't opendir() \"{plain}\": Not a directory");
    }
}
