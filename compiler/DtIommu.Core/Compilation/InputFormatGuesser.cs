using System.IO;
using System;
using DtIommu.Sources;

namespace DtIommu.Compilation;

/// <summary>dtc's guesses of the input format (directory, blob magic, suffix) and of a format from a file name.</summary>
public static class InputFormatGuesser
{
    /// <summary>
    /// fs for a directory, dtb for a file starting with the blob magic, else by suffix, else dts. As dtc, only a
    /// regular file is opened, and only its magic is read: a pipe given as input is left whole for the compile.
    /// </summary>
    public static string Guess(string path, IFileSource files)
    {
        if (path == "-") return "dts";
        if (files is DiskFileSource && Directory.Exists(Latin1.ToText(path))) return "fs";
        var bytes = files is DiskFileSource disk ? disk.TryReadMagic(path) : files.TryRead(path);
        if (bytes == null) return "dts";
        if (bytes.Length >= 4 && bytes[0] == 0xd0 && bytes[1] == 0x0d && bytes[2] == 0xfe && bytes[3] == 0xed) return "dtb";
        return GuessByName(path) ?? "dts";
    }

    /// <summary>The format a suffix names (<c>.dts</c>, <c>.yaml</c>, <c>.dtb</c>, <c>.dtbo</c>), or null.</summary>
    public static string? GuessByName(string path)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0) return null;
        var ext = path.Substring(dot);
        if (ext.Equals(".dts", StringComparison.OrdinalIgnoreCase)) return "dts";
        if (ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase)) return "yaml";
        if (ext.Equals(".dtbo", StringComparison.OrdinalIgnoreCase) || ext.Equals(".dtb", StringComparison.OrdinalIgnoreCase)) return "dtb";
        return null;
    }
}
