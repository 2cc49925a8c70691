using System;
using System.IO;
using System.Linq;
using Xunit;

namespace DtIommu.Tests.Shared;

/// <summary>Finds the outside references some tests compare with; the tests skip themselves when one is missing.</summary>
public static class ExternalTools
{
    /// <summary>
    /// The system dtc (Debian's, which .ci/run installs), or null. <c>DTIOMMU_DTC</c> names another one, or with
    /// <c>none</c> hides it, so the fresh-clone test can check what a machine without dtc sees.
    /// </summary>
    public static string? DtcPath()
    {
        var chosen = Environment.GetEnvironmentVariable("DTIOMMU_DTC");
        if (chosen is { Length: > 0 }) return chosen == "none" || !File.Exists(chosen) ? null : chosen;
        return new[] { "/usr/bin/dtc", "/usr/local/bin/dtc" }.FirstOrDefault(File.Exists);
    }
}

/// <summary>A fact that needs the system dtc; skipped, with the reason shown, where it is not installed.</summary>
public sealed class DtcFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when no dtc is found.</summary>
    public DtcFactAttribute()
    {
        if (ExternalTools.DtcPath() == null) Skip = "dtc is not installed (apt-get install device-tree-compiler; .ci/run does)";
    }
}
