using System.Text;
using DtIommu.Compilation;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>
/// cpp's <c>-include FILE</c>: the input file reads as if it began with <c>#include "FILE"</c>, then a line marker
/// puts its own lines back at line 1. Like cpp, the current directory is searched first, then the include path.
/// </summary>
internal sealed class ForcedIncludeFileSource(IFileSource inner, string input, IReadOnlyList<string> includes) : IFileSource
{
    /// <inheritdoc/>
    public byte[]? TryRead(string path)
    {
        var bytes = inner.TryRead(path);
        if (bytes == null || path != input) return bytes;
        var prefix = new StringBuilder();
        foreach (var file in includes)
            prefix.Append("#include \"").Append(File.Exists(file) ? Path.GetFullPath(file) : file).Append("\"\n");
        prefix.Append("#line 1 \"").Append(input).Append("\"\n");
        return [.. Latin1.GetBytes(prefix.ToString()), .. bytes];
    }
}
