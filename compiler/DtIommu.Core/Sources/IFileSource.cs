namespace DtIommu.Sources;

/// <summary>Where source bytes come from: the disk, or memory in tests and the MSBuild task.</summary>
public interface IFileSource
{
    /// <summary>The file's bytes, or null when it does not exist or is not a readable file.</summary>
    byte[]? TryRead(string path);
}
