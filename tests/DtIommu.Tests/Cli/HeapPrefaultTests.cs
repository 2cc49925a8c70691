using System.Runtime;
using DtIommu.Cli;
using DtIommu.Sources;

namespace DtIommu.Tests.Cli;

/// <summary>Runs alone: what it asserts is the state of the whole process's collector.</summary>
[CollectionDefinition(nameof(WholeProcessGc), DisableParallelization = true)]
public class WholeProcessGc;

/// <summary>A single compile asks the collector for room (a no-GC region) only for a DTS source it can size.</summary>
[Collection(nameof(WholeProcessGc))]
public class HeapPrefaultTests
{
    private static bool PreparedFor(string name, byte[] content)
    {
        var path = Path.Combine(CliProcess.TempDir(), name);
        File.WriteAllBytes(path, content);
        HeapPrefault.ForSource(path, DiskFileSource.Instance);
        var prepared = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        if (prepared) GC.EndNoGCRegion();
        // The test process parses on: it keeps no mapping hook of a compile that is not running.
        DtIommu.Syntax.ParseProgress.Handler = null;
        return prepared;
    }

    [Fact]
    public void A_source_file_gets_room_before_its_compile()
    {
        if (!OperatingSystem.IsLinux()) return;
        PreparedFor("board.dts", "/dts-v1/;\n/ { a = <1>; };\n"u8.ToArray()).ShouldBeTrue();
    }

    [Fact]
    public void A_blob_an_empty_file_or_standard_input_gets_none()
    {
        PreparedFor("board.dtb", [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 0x28]).ShouldBeFalse();
        PreparedFor("empty.dts", []).ShouldBeFalse();
        HeapPrefault.ForSource("-", DiskFileSource.Instance);
        GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
    }
}
