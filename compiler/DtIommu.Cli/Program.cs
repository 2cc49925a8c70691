using System.CommandLine;

namespace DtIommu.Cli;

/// <summary>Entry point: the dtc-compatible compiler at the root, the IOMMU tools as subcommands.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns dtc's exit status.</summary>
    public static int Main(string[] args)
    {
        var root = DtcCommand.Create();
        root.Subcommands.Add(OverlayCommand.Create());
        return root.Parse(args).Invoke();
    }
}
