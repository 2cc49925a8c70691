using System.IO;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>Writes an output file through a temporary file and a rename, so no run leaves a partial file behind.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (byte text or real text), or to standard output for <c>-</c>.</summary>
    public static void Write(string path, byte[] bytes)
    {
        if (path == "-")
        {
            using var stdout = StandardStreams.OpenOutput();
            stdout.Write(bytes, 0, bytes.Length);
            return;
        }
        path = Latin1.ToText(path);
        // Devices and pipes (/dev/null, /dev/stdout) cannot be replaced by a rename.
        if (path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            File.WriteAllBytes(path, bytes);
            return;
        }
        var temp = TempFor(path);
        try
        {
            try
            {
                File.WriteAllBytes(temp, bytes);
            }
            catch (UnauthorizedAccessException) when (File.Exists(path))
            {
                // A writable file in a directory we may not add to: write it in place, as dtc does.
                File.WriteAllBytes(path, bytes);
                return;
            }
            File.Move(temp, Path.GetFullPath(path), overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Why dtc's <c>fopen(path, "w")</c> would fail (strerror's text: Is a directory, File name too long, ...), or null
    /// when <see cref="Write"/> can go ahead. Nothing is created or truncated.
    /// </summary>
    public static string? WhyNotWritable(string path)
    {
        if (path == "-") return null;
        var errno = PosixOpen.WriteError(path, create: false);
        if (errno == PosixOpen.NoReader) return null;
        if (errno != 0 && errno != PosixOpen.NoEntry) return PosixOpen.StrError(errno);
        var real = Latin1.ToText(path);
        if (errno == 0 || real.StartsWith("/dev/", StringComparison.Ordinal))
            return errno == 0 ? null : PosixOpen.StrError(errno);
        // The file may be new: then its directory must take the temporary file (ENOENT, EACCES, ENOTDIR as for dtc).
        var temp = TempFor(real);
        var tempErrno = PosixOpen.WriteError(temp, create: true);
        if (tempErrno == 0) File.Delete(temp);
        return tempErrno == 0 ? null : PosixOpen.StrError(tempErrno);
    }

    // Short whatever the name's length, so a name near the file system's limit still gets one.
    private static string TempFor(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + (name.Length > 64 ? name[..64] : name) + ".tmp" + Environment.ProcessId);
    }
}
