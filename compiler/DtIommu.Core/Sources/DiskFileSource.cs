using System.IO;
using DtIommu.Diagnostics;

namespace DtIommu.Sources;

/// <summary>Reads files from disk. Paths may be byte text (from a source or dtc's command line) or real text.</summary>
public sealed class DiskFileSource : IExplainedFileSource
{
    /// <summary>The shared instance.</summary>
    public static readonly DiskFileSource Instance = new();

    /// <inheritdoc/>
    public byte[]? TryRead(string path) => TryReadRange(path, 0, ulong.MaxValue);

    /// <inheritdoc/>
    public byte[]? TryReadRange(string path, ulong offset, ulong length)
    {
        var real = Latin1.ToText(path);
        try
        {
            return File.Exists(real) ? ReadRange(path, real, offset, length) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (System.UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public FileFailure Explain(string path) => PosixOpen.Explain(path);

    /// <summary>Largest file read (256 MB): a device file such as /dev/zero never ends, and no real source or blob comes near.</summary>
    public const int MaxFileSize = 1 << 28;

    // Streams rather than asking for the length: device files and pipes report none (or a wrong one).
    private static byte[] ReadRange(string path, string real, ulong offset, ulong length)
    {
        using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && offset <= long.MaxValue && offset <= (ulong)stream.Length)
        {
            stream.Seek((long)offset, SeekOrigin.Begin);
            offset = 0;
        }
        var buffer = new byte[65536];
        while (offset > 0)
        {
            var n = stream.Read(buffer, 0, (int)System.Math.Min(offset, (ulong)buffer.Length));
            if (n == 0) return [];
            offset -= (ulong)n;
        }
        using var result = new MemoryStream();
        while (length > 0)
        {
            var n = stream.Read(buffer, 0, (int)System.Math.Min(length, (ulong)buffer.Length));
            if (n == 0) break;
            if (result.Length + n > MaxFileSize)
                throw new FatalCompilationException($"Couldn't read \"{path}\": File too large");
            result.Write(buffer, 0, n);
            length -= (ulong)n;
        }
        return result.ToArray();
    }
}
