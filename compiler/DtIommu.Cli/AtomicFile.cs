using System.IO;

namespace DtIommu.Cli;

/// <summary>Writes an output file through a temporary file and a rename, so no run leaves a partial file behind.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, or to standard output for <c>-</c>.</summary>
    public static void Write(string path, byte[] bytes)
    {
        if (path == "-")
        {
            using var stdout = StandardStreams.OpenOutput();
            stdout.Write(bytes, 0, bytes.Length);
            return;
        }
        // Devices and pipes (/dev/null, /dev/stdout) cannot be replaced by a rename.
        if (path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            File.WriteAllBytes(path, bytes);
            return;
        }
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".tmp" + Environment.ProcessId);
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
