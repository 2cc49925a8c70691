using System.Collections.Generic;
using System.IO;
using System.Text;
using System;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Blob;

/// <summary>
/// Reads a <c>/proc/device-tree</c> style directory as dtc's <c>-I fs</c> does (<c>fstree.c</c>): each regular file
/// is a property holding the file's bytes, each subdirectory a node; symbolic links are followed. Entries come in
/// <c>readdir</c> order, as dtc takes them (.NET enumerates a directory with readdir and keeps its order), so the
/// output matches dtc's byte for byte on the same directory. Paths are byte text, as dtc's command line gives
/// them, and turned into real text only for the file-system calls. .NET cannot tell FIFOs, sockets and
/// devices from regular files, which dtc skips; they are opened like files (a device-tree directory has none).
/// </summary>
public static class FsReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>The tree under <paramref name="directory"/>; the boot CPU is guessed from <c>/cpus</c> as dtc does.</summary>
    public static DeviceTree Read(string directory) => Read(directory, null);

    /// <summary>
    /// As <see cref="Read(string)"/>, reporting dtc's "WARNING: Cannot open" text for each file that exists but
    /// cannot be read (dtc skips it and goes on).
    /// </summary>
    public static DeviceTree Read(string directory, Action<string>? warning)
    {
        var root = ReadNode(directory, new Node(""), warning);
        var tree = new DeviceTree(root);
        tree.BootCpuId = BootCpu.Guess(root);
        return tree;
    }

    private static Node ReadNode(string directory, Node node, Action<string>? warning)
    {
        foreach (var (name, path) in Entries(directory))
        {
            // Directory.Exists and File.Exists follow symbolic links, as dtc's stat() does.
            var real = Latin1.ToText(path);
            if (Directory.Exists(real))
            {
                var child = new Node(name);
                node.AddChild(child);
                ReadNode(path, child, warning);
                continue;
            }
            if (!File.Exists(real)) throw StatFailed(path, "No such file or directory");
            byte[] bytes;
            try
            {
                bytes = ReadFile(real);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // A dangling symbolic link: File.Exists sees the link itself, dtc's stat() fails on its target.
                throw StatFailed(path, "No such file or directory");
            }
            catch (IOException e) when (IsLink(real))
            {
                // A link that cannot be resolved at all (a loop): stat() fails there too, before any open.
                throw StatFailed(path, Reason(e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                warning?.Invoke($"WARNING: Cannot open {path}: {Reason(e)}");
                continue;
            }
            var value = new PropertyValue();
            // dtc's data_copy_file marks file contents as untyped, like /incbin/ data.
            value.AddMarker(MarkerKind.TypeNone);
            value.Append(bytes);
            node.AddProperty(new Property(name, value));
        }
        return node;
    }

    private static FatalCompilationException StatFailed(string path, string reason) => new($"stat({path}): {reason}");

    private static bool IsLink(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static List<(string Name, string Path)> Entries(string directory)
    {
        string[] paths;
        try
        {
            var real = Latin1.ToText(directory);
            if (!Directory.Exists(real))
                throw File.Exists(real)
                    ? new IOException("Not a directory")
                    : new DirectoryNotFoundException("No such file or directory");
            paths = Directory.GetFileSystemEntries(real);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FatalCompilationException($"Couldn't opendir() \"{directory}\": {Reason(e)}");
        }

        var entries = new List<(string Name, string Path)>(paths.Length);
        foreach (var p in paths)
        {
            var name = Latin1.GetString(Utf8.GetBytes(Path.GetFileName(p)));
            entries.Add((name, JoinPath(directory, name)));
        }
        return entries;
    }

    /// <summary>dtc's <c>join_path</c>: no second slash when the directory already ends with one.</summary>
    private static string JoinPath(string directory, string name) =>
        directory.Length > 0 && directory[directory.Length - 1] == '/' ? directory + name : directory + "/" + name;

    private static byte[] ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // dtc reads at most the size stat reported, even if the file grows meanwhile.
        var buffer = new byte[stream.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) break;
            read += n;
        }
        if (read < buffer.Length) Array.Resize(ref buffer, read);
        return buffer;
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "Permission denied",
        NotSupportedException => "Illegal seek",
        DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
        _ => StrError(e.Message),
    };

    /// <summary>The strerror() text inside a .NET I/O message ("Too many levels of symbolic links : 'path'").</summary>
    private static string StrError(string message)
    {
        var at = message.IndexOf(" : '", StringComparison.Ordinal);
        if (at >= 0) message = message.Substring(0, at);
        return message.Length > 0 && message[message.Length - 1] == '.' ? message.Substring(0, message.Length - 1) : message;
    }
}
