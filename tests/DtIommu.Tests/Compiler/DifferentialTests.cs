using System.Diagnostics;
using DtIommu.Compilation;
using DtIommu.Sources;
using DtIommu.Tests.Shared;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// Compares with the dtc installed on the machine (Debian's, installed by .ci/run) where dtc 1.6.1 and 1.8.1 agree:
/// blobs of generated trees with labels, references and path references, and the bundled example board.
/// </summary>
public class DifferentialTests
{
    internal static string? DtcPath() => ExternalTools.DtcPath();

    private static byte[] RunDtc(string dtc, string input)
    {
        var output = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo(dtc, ["-q", "-O", "dtb", "-o", output, input]) { RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            p.ExitCode.ShouldBe(0, p.StandardError.ReadToEnd());
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Synthetic(int nodes)
    {
        // A synthetic tree in the shape of the compile benchmark's, written here so the test needs no python.
        var w = new System.Text.StringBuilder("/dts-v1/;\n\n/memreserve/ 0x80000000 0x100000;\n\n/ {\n\tcompatible = \"synthetic,bench\";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\n");
        var idx = 0;
        for (var g = 0; idx < nodes; g++)
        {
            w.Append($"\tbus{g}: bus@{g * 0x100000:x} {{\n\t\tcompatible = \"simple-bus\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges = <0 0x{g * 0x100000:x} 0x100000>;\n\t\treg = <0x{g * 0x100000:x} 0x100000>;\n\n");
            for (var k = 0; k < 100 && idx < nodes; k++, idx++)
            {
                w.Append($"\t\tn{idx}: dev@{k * 0x1000:x} {{\n\t\t\tcompatible = \"vendor,dev-{idx % 50}\", \"vendor,generic\";\n\t\t\treg = <0x{k * 0x1000:x} 0x1000>;\n\t\t\tstatus = \"okay\";\n");
                w.Append($"\t\t\tvendor,data = [{idx & 0xff:x2} {(idx >> 8) & 0xff:x2} 55 aa];\n\t\t\tvendor,prop-{idx % 97} = <{idx}>;\n");
                if (idx % 3 == 2) w.Append($"\t\t\tvendor,link = <&n{idx / 2} {idx}>;\n");
                if (idx % 7 == 6) w.Append($"\t\t\tvendor,path = &n{idx / 3};\n");
                w.Append("\t\t};\n");
            }
            w.Append("\t};\n");
        }
        return w.Append("};\n").ToString();
    }

    [DtcFact]
    public void Generated_tree_compiles_to_the_same_blob_as_dtc()
    {
        var dtc = DtcPath();
        var path = Path.Combine(Path.GetTempPath(), $"dtiommu-diff-{Environment.ProcessId}.dts");
        File.WriteAllText(path, Synthetic(1500));
        try
        {
            var ours = DtcCompiler.Compile(new DtcOptions { Input = path, OutputFormat = "dtb", Quiet = 1 }, DiskFileSource.Instance);
            ours.ExitCode.ShouldBe(0);
            ours.Output.ShouldBe(RunDtc(dtc!, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DtcFact]
    public void Example_board_compiles_to_the_same_blob_as_dtc()
    {
        var dtc = DtcPath();
        var board = Path.Combine(RepoRoot(), "examples", "boards", "arm-virt-smmuv3.dts");
        var ours = DtcCompiler.Compile(new DtcOptions { Input = board, OutputFormat = "dtb" }, DiskFileSource.Instance);
        ours.ExitCode.ShouldBe(0);
        ours.Output.ShouldBe(RunDtc(dtc!, board));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DtIommu.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("DtIommu.sln not found above " + AppContext.BaseDirectory);
    }
}
