using System.Globalization;

namespace DtIommu.Diagnostics.Reporting;

/// <summary>
/// A finding's identity without positions (rule, file, node, property, message), so code scanning keeps matching an
/// alert to the same cause when lines above it move (SARIF <c>partialFingerprints</c>).
/// </summary>
public static class FindingFingerprint
{
    /// <summary>The SARIF key under which the fingerprint is written.</summary>
    public const string Key = "dtiommuFinding/v1";

    /// <summary>16 hex digits of FNV-1a 64 over the identity; <paramref name="fileUri"/> is the artifact the finding is in.</summary>
    public static string Of(Diagnostic d, string fileUri)
    {
        var text = d.Descriptor.Code + "\n" + fileUri + "\n" + d.NodePath + "\n" + d.Property + "\n" + d.Message;
        // FNV-1a: stable across runtimes and platforms, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
