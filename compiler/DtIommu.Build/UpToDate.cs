using System;
using System.IO;
using Microsoft.Build.Framework;

namespace DtIommu.Build;

/// <summary>
/// Per-tree incrementality inside the task. The target's Inputs/Outputs cannot pair each tree with its own includes,
/// so when any input changed MSBuild runs the task for every tree; this check then skips each tree whose output is
/// newer than its source, every file its dependency file lists, and the inputs all trees share.
/// </summary>
internal static class UpToDate
{
    /// <summary>
    /// True when <paramref name="source"/>'s output can be kept as it is. Never without shared inputs: the settings
    /// stamp among them is what tells a metadata change (Lint, Defines...) apart.
    /// </summary>
    public static bool Check(ITaskItem source, string file, ITaskItem[] sharedInputs)
    {
        if (sharedInputs.Length == 0) return false;
        var output = source.GetMetadata("OutputFile");
        var depFile = source.GetMetadata("DependencyFile");
        if (output.Length == 0 || depFile.Length == 0 || !File.Exists(output) || !File.Exists(depFile)) return false;
        var built = File.GetLastWriteTimeUtc(output);
        if (!OlderThan(file, built)) return false;
        foreach (var input in File.ReadAllLines(depFile))
            if (input.Length > 0 && !OlderThan(input, built)) return false;
        foreach (var input in sharedInputs)
            if (!OlderThan(input.GetMetadata("FullPath"), built)) return false;
        return true;
    }

    // A missing input (a deleted include) means the tree must be compiled again to say so.
    private static bool OlderThan(string path, DateTime built) => File.Exists(path) && File.GetLastWriteTimeUtc(path) <= built;
}
