namespace DtIommu.Syntax;

/// <summary>
/// Where a run of tokens comes from: the file's bytes, the name diagnostics give it (cpp line markers rename it)
/// and its directory. Shared by every token read between two line markers, so a token carries one reference.
/// </summary>
internal sealed class TokenOrigin
{
    public TokenOrigin(byte[] text, string fileName, string? directory)
    {
        Text = text;
        FileName = fileName;
        Directory = directory;
    }

    /// <summary>The whole file's bytes.</summary>
    public byte[] Text { get; }

    /// <summary>The file name as diagnostics show it.</summary>
    public string FileName { get; }

    /// <summary>Directory of the file read (dtc resolves <c>/incbin/</c> against it).</summary>
    public string? Directory { get; }
}
