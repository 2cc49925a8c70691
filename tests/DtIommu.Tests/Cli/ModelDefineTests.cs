namespace DtIommu.Tests.Cli;

/// <summary><c>dtiommu model</c> takes the preprocessor's -D and -U, in command-line order, as lint does.</summary>
public class ModelDefineTests
{
    private static readonly string Board = Path.Combine(DtIommu.Tests.Compiler.DifferentialTests.RepoRoot(), "tests", "DtIommu.Tests", "Cli", "inputs", "smmu-if-defined.dts");

    [Fact]
    public void Defines_and_undefines_apply_in_order()
    {
        var dir = CliProcess.TempDir();
        var defined = CliProcess.Run(dir, null, "model", "--cpp", "-D", "WITH_SMMU", Board);
        defined.ExitCode.ShouldBe(0, defined.Stderr);
        defined.Stdout.ShouldContain("IOMMUs (1)\n  /iommu@1000\n");
        var undone = CliProcess.Run(dir, null, "model", "--cpp", "-D", "WITH_SMMU", "-U", "WITH_SMMU", Board);
        undone.ExitCode.ShouldBe(0, undone.Stderr);
        undone.Stdout.ShouldStartWith("IOMMUs (0)\n");
        var redone = CliProcess.Run(dir, null, "model", "--cpp", "-U", "WITH_SMMU", "-D", "WITH_SMMU", Board);
        redone.Stdout.ShouldContain("IOMMUs (1)\n");
    }
}
