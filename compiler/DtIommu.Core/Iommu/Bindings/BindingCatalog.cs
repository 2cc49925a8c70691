using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Iommu.Bindings;

/// <summary>
/// The binding families known to a run: the shipped <c>bindings/</c> directory plus any user directories.
/// Later additions replace earlier bindings of the same name and win compatible matches.
/// </summary>
public sealed class BindingCatalog
{
    /// <summary>The extension of binding files.</summary>
    public const string FileExtension = ".iommu";

    private readonly List<BindingDefinition> _bindings = [];
    private readonly List<string> _files = [];

    /// <summary>Problems found while loading (DT0400..DT0499).</summary>
    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>The bindings, in load order (a replaced binding keeps its slot).</summary>
    public IReadOnlyList<BindingDefinition> Bindings => _bindings;

    /// <summary>The files loaded, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>A catalog with the bindings of every <c>*.iommu</c> file of <paramref name="directory"/>.</summary>
    public static BindingCatalog LoadDirectory(string directory)
    {
        var c = new BindingCatalog();
        c.AddDirectory(directory);
        return c;
    }

    /// <summary>
    /// The shipped bindings: the repository's <c>bindings/*.iommu</c>, embedded in this assembly at build time so that a
    /// single-file binary copied alone has them. Their paths read <c>bindings/NAME.iommu</c>.
    /// </summary>
    public static BindingCatalog LoadShipped()
    {
        var c = new BindingCatalog();
        foreach (var (path, text) in ShippedBindings.Files()) c.AddText(text, path);
        return c;
    }

    /// <summary>Adds every <c>*.iommu</c> file of <paramref name="directory"/> in ordinal name order.</summary>
    public void AddDirectory(string directory)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "*" + FileExtension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Diagnostics.Report(BindingDiagnostics.Io, $"cannot read bindings directory '{directory}': {e.Message}");
            return;
        }
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files) AddFile(f);
    }

    /// <summary>Parses and adds one file.</summary>
    public void AddFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Diagnostics.Report(BindingDiagnostics.Io, $"cannot read binding file '{path}': {e.Message}");
            return;
        }
        AddText(text, path);
    }

    /// <summary>Parses <paramref name="text"/> as if read from <paramref name="path"/> and adds its bindings.</summary>
    public void AddText(string text, string path) => Add(BindingParser.Parse(text, path, Diagnostics));

    /// <summary>Adds the bindings of a parsed file.</summary>
    public void Add(BindingFile file)
    {
        _files.Add(file.Path);
        foreach (var b in file.Bindings)
        {
            var existing = _bindings.FindIndex(x => x.Name == b.Name);
            if (existing >= 0)
            {
                Diagnostics.Report(BindingDiagnostics.Override,
                    $"binding '{b.Name}' replaces the one from {_bindings[existing].Span.File}", b.Span);
                _bindings[existing] = b;
                continue;
            }
            foreach (var m in b.Matchers)
            {
                if (m.Kind != MatchKind.Compatible) continue;
                var other = _bindings.FirstOrDefault(x => x.Matchers.Any(o => o.Kind == MatchKind.Compatible && o.Text == m.Text));
                if (other != null)
                    Diagnostics.Report(BindingDiagnostics.Override,
                        $"compatible \"{m.Text}\" of binding '{b.Name}' shadows binding '{other.Name}'", b.Span);
            }
            _bindings.Add(b);
        }
    }

    /// <summary>The binding called <paramref name="name"/>, or null.</summary>
    public BindingDefinition? Find(string name)
    {
        foreach (var b in _bindings) if (b.Name == name) return b;
        return null;
    }

    /// <summary>
    /// The binding for a compatible list: the node's strings are tried most specific first; for each, exact patterns
    /// beat wildcard ones and later-loaded bindings beat earlier ones. Null when nothing matches.
    /// </summary>
    public BindingDefinition? MatchCompatible(IReadOnlyList<string> compatibles)
    {
        foreach (var c in compatibles)
        {
            for (var i = _bindings.Count - 1; i >= 0; i--)
                foreach (var m in _bindings[i].Matchers)
                    if (m.Kind == MatchKind.Compatible && m.Text == c) return _bindings[i];
            for (var i = _bindings.Count - 1; i >= 0; i--)
                foreach (var m in _bindings[i].Matchers)
                    if (m.Kind == MatchKind.Compatible && m.Text.IndexOf('*') >= 0 && Glob(m.Text, c)) return _bindings[i];
        }
        return null;
    }

    /// <summary>The binding of an IOMMU node: by compatible, else (only without <c>compatible</c>) by <c>#iommu-cells</c>.</summary>
    public BindingDefinition? MatchIommuNode(Node node)
    {
        var compat = node.GetProperty("compatible");
        if (compat != null) return MatchCompatible(compat.Value.AsStringList());
        var cellsProp = node.GetProperty("#iommu-cells");
        if (cellsProp == null || cellsProp.Value.Length != 4) return null;
        var cells = cellsProp.Value.GetCell(0);
        for (var i = _bindings.Count - 1; i >= 0; i--)
            foreach (var m in _bindings[i].Matchers)
                if (m.Kind == MatchKind.IommuCells && m.Cells == cells) return _bindings[i];
        return null;
    }

    /// <summary>The binding that claims nodes holding property <paramref name="property"/>, or null.</summary>
    public BindingDefinition? MatchProperty(string property)
    {
        for (var i = _bindings.Count - 1; i >= 0; i--)
            foreach (var m in _bindings[i].Matchers)
                if (m.Kind == MatchKind.Property && m.Text == property) return _bindings[i];
        return null;
    }

    /// <summary>The first binding with attach kind <paramref name="kind"/>, or null.</summary>
    public BindingDefinition? FirstWithAttach(AttachKind kind)
    {
        for (var i = _bindings.Count - 1; i >= 0; i--)
            if (_bindings[i].Attach == kind) return _bindings[i];
        return null;
    }

    /// <summary>Glob match where <c>*</c> stands for any run of characters.</summary>
    internal static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t]) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
