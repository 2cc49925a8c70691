using DtIommu.Compilation;
using DtIommu.Overlay;
using DtIommu.Sources;

namespace DtIommu.Tests.Overlay;

/// <summary>Applying the fixture overlays in-process: the combined tree, and fdtoverlay's messages for bad overlays.</summary>
public class OverlayApplyTests
{
    private static FdtOverlayResult Apply(byte[] baseBlob, params (string Name, byte[] Blob)[] overlays)
    {
        var files = overlays.ToDictionary(o => o.Name, o => o.Blob);
        files["board.dtb"] = baseBlob;
        return FdtOverlayRun.Apply("board.dtb", overlays.Select(o => o.Name).ToList(),
            n => files.TryGetValue(n, out var b) ? b : throw new FileNotFoundException(n));
    }

    private static string Decompile(byte[] blob)
    {
        var files = new MemoryFileSource();
        files.Add("in.dtb", blob);
        var result = DtcCompiler.Compile(new DtcOptions { Input = "in.dtb", InputFormat = "dtb", OutputFormat = "dts" }, files);
        result.ExitCode.ShouldBe(0);
        return System.Text.Encoding.Latin1.GetString(result.Output!);
    }

    [Fact]
    public void Combined_board_matches_what_fdtoverlay_gave()
    {
        // The expected text is dtc -I dtb -O dts of fdtoverlay's output: new properties and nodes come first,
        // overlay phandles continue after the base's, references and symbols point into the base.
        var result = Apply(OverlayTestSupport.Compile("board.dts"),
            ("add.dtbo", OverlayTestSupport.Compile("add-dma-master.dtso")), ("path.dtbo", OverlayTestSupport.Compile("by-path.dtso")));
        result.Error.ShouldBeNull();
        Decompile(result.Blob!).ShouldBe(File.ReadAllText(Path.Combine(OverlayTestSupport.Fixtures, "board+add-dma-master+by-path.expected.dts")));
    }

    [Fact]
    public void Result_is_packed_with_the_header_fields_libfdt_writes()
    {
        var blob = Apply(OverlayTestSupport.Compile("board.dts"), ("add.dtbo", OverlayTestSupport.Compile("add-dma-master.dtso"))).Blob!;
        uint U32(int at) => DtIommu.Blob.BigEndian.U32(blob, at);
        U32(4).ShouldBe((uint)blob.Length);
        U32(16).ShouldBe(40u);
        U32(8).ShouldBe(40u + 16u);
        U32(12).ShouldBe(U32(8) + U32(36));
        (U32(12) + U32(32)).ShouldBe((uint)blob.Length);
        U32(20).ShouldBe(17u);
    }

    [Theory]
    [InlineData("unknown-label.dtso", "\nFailed to apply 'bad.dtbo': FDT_ERR_NOTFOUND\n")]
    [InlineData("no-target.dtso", "\nFailed to apply 'bad.dtbo': FDT_ERR_BADOVERLAY\n")]
    public void Bad_overlay_gets_fdtoverlays_message(string fixture, string message)
    {
        var result = Apply(OverlayTestSupport.Compile("board.dts"), ("bad.dtbo", OverlayTestSupport.Compile(fixture)));
        result.Blob.ShouldBeNull();
        result.Error.ShouldBe(message);
    }

    [Fact]
    public void Base_without_symbols_cannot_resolve_labels()
    {
        var result = Apply(OverlayTestSupport.Compile("board.dts", symbols: false), ("add.dtbo", OverlayTestSupport.Compile("add-dma-master.dtso")));
        result.Error.ShouldBe("\nFailed to apply 'add.dtbo': FDT_ERR_NOTFOUND\n");
    }

    [Fact]
    public void Missing_and_truncated_inputs_are_reported_as_fdtoverlay_does()
    {
        Apply(OverlayTestSupport.Compile("board.dts"), []).Error.ShouldBeNull();
        var missing = FdtOverlayRun.Apply("board.dtb", ["gone.dtbo"], n => n == "board.dtb" ? OverlayTestSupport.Compile("board.dts") : throw new FileNotFoundException(n));
        missing.Error.ShouldBe("Couldn't open blob from 'gone.dtbo': No such file or directory\n\nFailed to read 'gone.dtbo'\n");
        var blob = OverlayTestSupport.Compile("board.dts");
        // fdtoverlay compares the header's size with its read buffer (a power of two from 1 KiB), not the file.
        var cut = blob.Take(100).ToArray();
        cut[4] = 0; cut[5] = 0; cut[6] = 0x13; cut[7] = 0x88;
        FdtOverlayRun.Apply("board.dtb", ["x"], _ => cut).Error.ShouldBe("\nBase blob is incomplete (1024 / 5000 bytes read)\n");
        var notBlob = FdtOverlayRun.Apply("board.dtb", ["x"], _ => new byte[64]);
        notBlob.Error.ShouldBe("\nFailed to make temporary copy: FDT_ERR_BADMAGIC\n");
    }
}
