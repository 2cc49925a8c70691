using System.Runtime;
using DtIommu.Cli;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;
using DtIommu.Syntax;

namespace DtIommu.Tests.Cli;

/// <summary>Runs alone: what it asserts is the state of the whole process's collector.</summary>
[CollectionDefinition(nameof(WholeProcessGc), DisableParallelization = true)]
public class WholeProcessGc;

/// <summary>A single compile asks the collector for room (a no-GC region) as its DTS parse begins, once.</summary>
[Collection(nameof(WholeProcessGc))]
public class HeapPrefaultTests
{
    // Ends what a prepared compile leaves for the rest of its process: the no-GC region and the mapping hook.
    private static bool EndPrepared()
    {
        var prepared = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        if (prepared) GC.EndNoGCRegion();
        ParseProgress.Handler = null;
        ParseProgress.Starting = null;
        return prepared;
    }

    [Fact]
    public void The_first_dts_parse_gets_room_before_it_begins()
    {
        if (!OperatingSystem.IsLinux()) return;
        HeapPrefault.Install();
        var starting = ParseProgress.Starting.ShouldNotBeNull();
        starting(26);
        ParseProgress.Starting.ShouldBeNull();
        EndPrepared().ShouldBeTrue();
    }

    [Fact]
    public void An_empty_source_gets_none()
    {
        HeapPrefault.Prepare(0);
        EndPrepared().ShouldBeFalse();
    }

    [Fact]
    public void The_front_end_says_how_long_the_source_is_as_it_begins()
    {
        var lengths = new List<int>();
        ParseProgress.Starting = lengths.Add;
        try
        {
            var bytes = "/dts-v1/;\n/ { a = <1>; };\n"u8.ToArray();
            DtsFrontEnd.Parse("t.dts", bytes, new SourceLoader(new DiskFileSource(), []), new DiagnosticBag()).Tree.ShouldNotBeNull();
            lengths.ShouldBe([bytes.Length]);
        }
        finally
        {
            ParseProgress.Starting = null;
        }
    }
}
