using System.Collections.Generic;
using System.Text;
using DtIommu.Text;

namespace DtIommu.Writers;

/// <summary>
/// The <c>-T</c> comments of dtc's DTS output: <c>file:line</c> (first or last line of each definition) with one
/// <c>-T</c>, full <c>file:l:c-l:c</c> ranges with two; file names are shortened relative to the main input's
/// directory as dtc's <c>shorten_to_initial_path</c> does.
/// </summary>
public sealed class SourceAnnotation
{
    private readonly string? _initialDir;
    private readonly int _initialDepth;

    /// <summary>Creates the annotator for a compilation whose main input is <paramref name="initialFile"/>.</summary>
    public SourceAnnotation(string? initialFile)
    {
        if (initialFile == null) return;
        var slash = initialFile.LastIndexOf('/');
        _initialDir = slash < 0 ? "" : initialFile.Substring(0, slash + 1);
        foreach (var ch in _initialDir) if (ch == '/') _initialDepth++;
    }

    /// <summary>The comment for the start of a definition, or null.</summary>
    public string? First(IReadOnlyList<SourceSpan> spans, int level) => Render(spans, level, first: true);

    /// <summary>The comment for the end of a definition, or null.</summary>
    public string? Last(IReadOnlyList<SourceSpan> spans, int level) => Render(spans, level, first: false);

    private string? Render(IReadOnlyList<SourceSpan> spans, int level, bool first)
    {
        if (level == 0) return null;
        if (spans.Count == 0) return level > 1 ? "<no-file>:<no-line>" : null;
        var sb = new StringBuilder();
        for (var i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (i > 0) sb.Append(", ");
            if (level > 1)
                sb.Append(s.File).Append(':').Append(s.Line).Append(':').Append(s.Column).Append('-')
                    .Append(s.EndLine).Append(':').Append(s.EndColumn);
            else
                sb.Append(Shorten(s.File)).Append(':').Append(first ? s.Line : s.EndLine);
        }
        return sb.ToString();
    }

    private string Shorten(string file)
    {
        if (_initialDir == null) return file;
        int slashes = 0, lastSlash = -1;
        for (var i = 0; i < file.Length && i < _initialDir.Length; i++)
        {
            if (file[i] != _initialDir[i]) break;
            if (file[i] == '/') { lastSlash = i; slashes++; }
        }
        if (lastSlash < 0) return file;
        var sb = new StringBuilder();
        for (var i = 0; i < _initialDepth - slashes; i++) sb.Append("../");
        sb.Append(file, lastSlash + 1, file.Length - lastSlash - 1);
        return sb.ToString();
    }
}
