using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DtIommu.Diagnostics.Reporting;
using DtIommu.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>
/// Writes one SARIF 2.1.0 log (one run) with System.Text.Json: rules with what GitHub code scanning requires
/// (<c>fullDescription</c>, <c>help</c>) and a <c>helpUri</c> to the rule's page; results with the tightest region
/// known, logical locations (node and property), the boards they affect and position-free partial fingerprints.
/// </summary>
public static class SarifFormatter
{
    /// <summary>Where the run and its rules point.</summary>
    /// <param name="ToolVersion">The tool's version.</param>
    /// <param name="InformationUri">The tool's home page.</param>
    /// <param name="HelpUriOf">A rule's help page, or null when it has none.</param>
    public sealed record ToolInfo(string ToolVersion, string InformationUri, Func<DiagnosticDescriptor, string?> HelpUriOf);

    /// <summary>The SARIF document for <paramref name="diagnostics"/> (each on the board named by <paramref name="fallbackFile"/>).</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics, IEnumerable<DiagnosticDescriptor> rules, string toolVersion,
        Func<string, string> uriOf, string fallbackFile) =>
        Format(diagnostics.Select(d => new BoardFinding(d, [fallbackFile])).ToList(), rules,
            new ToolInfo(toolVersion, "https://github.com/dtiommu/dtiommu", _ => null), uriOf);

    /// <summary>The SARIF document for <paramref name="findings"/>; <paramref name="rules"/> lists every descriptor to declare.</summary>
    /// <param name="findings">The results, in order, with their boards (the first stands in for a missing position).</param>
    /// <param name="rules">Descriptors to declare (those of the results are added when missing).</param>
    /// <param name="tool">Version and links.</param>
    /// <param name="uriOf">Maps a source file name to the artifact URI (repository-relative, with forward slashes).</param>
    public static string Format(IReadOnlyList<BoardFinding> findings, IEnumerable<DiagnosticDescriptor> rules, ToolInfo tool,
        Func<string, string> uriOf)
    {
        var declared = new List<DiagnosticDescriptor>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Declare(DiagnosticDescriptor d)
        {
            if (index.ContainsKey(d.Code)) return;
            index[d.Code] = declared.Count;
            declared.Add(d);
        }
        foreach (var r in rules) Declare(r);
        foreach (var f in findings) Declare(f.Finding.Descriptor);

        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "dtiommu");
            w.WriteString("version", tool.ToolVersion);
            w.WriteString("informationUri", tool.InformationUri);
            w.WriteStartArray("rules");
            foreach (var d in declared) WriteRule(w, d, tool.HelpUriOf(d));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var f in findings) WriteResult(w, f, index[f.Finding.Descriptor.Code], uriOf);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter w, DiagnosticDescriptor d, string? helpUri)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Code);
        w.WriteString("name", d.Name);
        w.WriteStartObject("shortDescription");
        w.WriteString("text", d.Title);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        w.WriteString("text", d.Help);
        w.WriteEndObject();
        if (helpUri != null) w.WriteString("helpUri", helpUri);
        var fix = d.Fix != null ? "\n\nFix: " + d.Fix : "";
        w.WriteStartObject("help");
        w.WriteString("text", d.Help + fix);
        w.WriteString("markdown", "**" + d.Title + "**\n\n" + d.Help + (d.Fix != null ? "\n\n**Fix:** " + d.Fix : "")
            + (helpUri != null ? "\n\n[Rule page](" + helpUri + ")" : ""));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(d.DefaultSeverity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("category", d.Category);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, BoardFinding f, int ruleIndex, Func<string, string> uriOf)
    {
        var d = f.Finding;
        var fileUri = uriOf(d.Span?.File ?? (f.Boards.Count > 0 ? f.Boards[0] : ""));
        w.WriteStartObject();
        w.WriteString("ruleId", d.Descriptor.Code);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(d.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", d.SubjectAndMessage);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        if (d.Span is { } s) WritePhysical(w, fileUri, s);
        else
        {
            // Whole-board findings (blob input, tree-wide checks) point at the start: code scanning needs a region.
            WriteArtifact(w, fileUri);
            w.WriteStartObject("region");
            w.WriteNumber("startLine", 1);
            w.WriteNumber("endLine", 1);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (d.NodePath != null)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", d.Property ?? d.NodePath);
            w.WriteString("fullyQualifiedName", d.Property != null ? d.NodePath + ":" + d.Property : d.NodePath);
            w.WriteString("kind", d.Property != null ? "member" : "object");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
        if (d.Related.Count > 0)
        {
            w.WriteStartArray("relatedLocations");
            for (var k = 0; k < d.Related.Count; k++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", k + 1);
                w.WriteStartObject("physicalLocation");
                WritePhysical(w, uriOf(d.Related[k].File), d.Related[k]);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FindingFingerprint.Key, FindingFingerprint.Of(d, fileUri));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("boards");
        foreach (var b in f.Boards) w.WriteStringValue(uriOf(b));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter w, string uri)
    {
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", uri);
        w.WriteEndObject();
    }

    private static void WritePhysical(Utf8JsonWriter w, string uri, SourceSpan s)
    {
        WriteArtifact(w, uri);
        w.WriteStartObject("region");
        w.WriteNumber("startLine", Math.Max(1, s.Line));
        w.WriteNumber("startColumn", Math.Max(1, s.Column));
        if (s.EndLine >= s.Line && s.EndLine > 0)
        {
            w.WriteNumber("endLine", s.EndLine);
            if (s.EndColumn >= 1 && (s.EndLine > s.Line || s.EndColumn > s.Column)) w.WriteNumber("endColumn", s.EndColumn);
        }
        w.WriteEndObject();
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };
}
