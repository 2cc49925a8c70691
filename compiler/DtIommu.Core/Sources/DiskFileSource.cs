using System;
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

    /// <summary>
    /// The first four bytes of a regular file (fewer when it is shorter), or null for anything else: what dtc's
    /// format guess reads. A pipe or a terminal is not read at all, since what is read from it is gone.
    /// </summary>
    public byte[]? TryReadMagic(string path)
    {
        var real = Latin1.ToText(path);
        try
        {
            if (!File.Exists(real)) return null;
            using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            // Only regular files seek; device files such as /dev/zero also do, and dtc's guess reads nothing from
            // them, but their first bytes are no blob magic either, so the guess comes out the same.
            if (!stream.CanSeek) return null;
            var magic = new byte[4];
            var read = 0;
            while (read < magic.Length && stream.Read(magic, read, magic.Length - read) is var n and > 0) read += n;
            return read == magic.Length ? magic : magic.AsSpan(0, read).ToArray();
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
        // dtc seeks to a non-zero offset before it reads: the file system may refuse (.NET's own Seek only records
        // the position).
        if (offset != 0 && PosixOpen.SeekError(stream.SafeFileHandle, unchecked((long)offset)) is var errno and not 0)
            throw new FileSeekException(PosixOpen.StrError(errno));
        if (stream.CanSeek && offset <= long.MaxValue && offset <= (ulong)stream.Length)
        {
            stream.Seek((long)offset, SeekOrigin.Begin);
            offset = 0;
        }
        if (offset == 0 && stream.CanSeek && stream.Length > 0 && stream.Length <= MaxFileSize && TryReadWhole(stream, length) is { } whole)
            return whole;
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

    /// <summary>
    /// A regular file read into an array of its size (the usual case: one allocation, no copy); null when the file
    /// turns out longer than its size said, so the caller streams it instead.
    /// </summary>
    private static byte[]? TryReadWhole(FileStream stream, ulong length)
    {
        var start = stream.Position;
        var size = (ulong)(stream.Length - start);
        var bytes = new byte[System.Math.Min(size, length)];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0) break;
            read += n;
        }
        if (read < bytes.Length) return bytes.AsSpan(0, read).ToArray();
        if ((ulong)read == length || stream.ReadByte() < 0) return bytes;
        stream.Seek(start, SeekOrigin.Begin);
        return null;
    }
}
