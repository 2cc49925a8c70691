using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DtIommu.Iommu.Bindings;

/// <summary>The repository's <c>bindings/*.iommu</c> files, embedded as resources named <c>bindings/NAME.iommu</c>.</summary>
public static class ShippedBindings
{
    private const string Prefix = "bindings/";

    /// <summary>Each embedded binding file as (path, text), in ordinal path order, as a directory is loaded.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files()
    {
        var assembly = typeof(ShippedBindings).Assembly;
        var names = new List<string>();
        foreach (var n in assembly.GetManifestResourceNames())
            if (n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(BindingCatalog.FileExtension, StringComparison.Ordinal))
                names.Add(n);
        names.Sort(StringComparer.Ordinal);
        var files = new List<(string, string)>(names.Count);
        foreach (var n in names)
        {
            using var stream = assembly.GetManifestResourceStream(n)!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            files.Add((n, reader.ReadToEnd()));
        }
        return files;
    }
}
