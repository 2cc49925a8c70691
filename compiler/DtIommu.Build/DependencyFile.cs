using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DtIommu.Build;

/// <summary>
/// The files one device tree was built from, one full path a line, kept in obj/ so the next build can list them as
/// target inputs: MSBuild cannot see /include/s and headers otherwise.
/// </summary>
internal static class DependencyFile
{
    /// <summary>Writes the distinct full paths of <paramref name="opened"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<string> opened)
    {
        var lines = opened.Where(f => f != "<stdin>").Select(Path.GetFullPath).Distinct().ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Unchanged contents keep their timestamp, so the list itself never looks like a new input.
        if (File.Exists(path) && File.ReadAllLines(path).SequenceEqual(lines)) return;
        File.WriteAllLines(path, lines);
    }
}
