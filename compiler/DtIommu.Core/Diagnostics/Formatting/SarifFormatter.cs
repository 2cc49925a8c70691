using DtIommu.Text;
using System;
using System.Collections.Generic;
using System.Text;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>
/// Writes one SARIF 2.1.0 log (one run) by hand, with what GitHub code scanning requires of rules (<c>fullDescription</c>
/// and <c>help</c>). Fingerprints are left to the uploader, which computes them from the checked-out source.
/// </summary>
public static class SarifFormatter
{
    /// <summary>The SARIF document for <paramref name="diagnostics"/>; <paramref name="rules"/> lists every descriptor to declare.</summary>
    /// <param name="diagnostics">The results, in order.</param>
    /// <param name="rules">Descriptors to declare (those of the results are added when missing).</param>
    /// <param name="toolVersion">The tool's version.</param>
    /// <param name="uriOf">Maps a source file name to the artifact URI (repository-relative, with forward slashes).</param>
    /// <param name="fallbackFile">The artifact for results without a source position (blob input).</param>
    public static string Format(IEnumerable<Diagnostic> diagnostics, IEnumerable<DiagnosticDescriptor> rules, string toolVersion,
        Func<string, string> uriOf, string fallbackFile)
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
        var results = new List<Diagnostic>(diagnostics);
        foreach (var d in results) Declare(d.Descriptor);

        var sb = new StringBuilder();
        sb.Append("{\n  ").Name("$schema").Quote("https://json.schemastore.org/sarif-2.1.0.json").Append(",\n  ")
          .Name("version").Quote("2.1.0").Append(",\n  ").Name("runs").Append("[{\n    ").Name("tool").Append("{").Name("driver").Append("{")
          .Name("name").Quote("dtiommu").Append(',').Name("version").Quote(toolVersion).Append(',')
          .Name("informationUri").Quote("https://github.com/dtiommu/dtiommu").Append(',').Name("rules").Append('[');
        for (var i = 0; i < declared.Count; i++)
        {
            var d = declared[i];
            sb.Append(i == 0 ? "\n      " : ",\n      ").Append('{').Name("id").Quote(d.Code).Append(',').Name("name").Quote(d.Name).Append(',')
              .Name("shortDescription").Append('{').Name("text").Quote(d.Title).Append("},")
              .Name("fullDescription").Append('{').Name("text").Quote(d.Help).Append("},")
              .Name("help").Append('{').Name("text").Quote(d.Help).Append(',').Name("markdown").Quote("**" + d.Title + "**\n\n" + d.Help).Append("},")
              .Name("defaultConfiguration").Append('{').Name("level").Quote(Level(d.DefaultSeverity)).Append("},")
              .Name("properties").Append('{').Name("category").Quote(d.Category).Append("}}");
        }
        sb.Append("]}},\n    ").Name("results").Append('[');
        for (var i = 0; i < results.Count; i++)
        {
            var d = results[i];
            sb.Append(i == 0 ? "\n      " : ",\n      ").Append('{').Name("ruleId").Quote(d.Descriptor.Code).Append(',')
              .Name("ruleIndex").Int(index[d.Descriptor.Code]).Append(',').Name("level").Quote(Level(d.Severity)).Append(',')
              .Name("message").Append('{').Name("text").Quote(Text(d)).Append("},").Name("locations").Append('[');
            AppendLocation(sb, d, uriOf, fallbackFile);
            sb.Append(']');
            if (d.Related.Count > 0)
            {
                sb.Append(',').Name("relatedLocations").Append('[');
                for (var k = 0; k < d.Related.Count; k++)
                {
                    if (k > 0) sb.Append(',');
                    var r = d.Related[k];
                    sb.Append('{').Name("id").Int(k + 1).Append(',').Name("physicalLocation").Append('{');
                    AppendPhysical(sb, uriOf(r.File), r);
                    sb.Append("}}");
                }
                sb.Append(']');
            }
            sb.Append('}');
        }
        sb.Append(results.Count == 0 ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n");
        return sb.ToString();
    }

    private static void AppendLocation(StringBuilder sb, Diagnostic d, Func<string, string> uriOf, string fallbackFile)
    {
        sb.Append('{').Name("physicalLocation").Append('{');
        if (d.Span is { } s) AppendPhysical(sb, uriOf(s.File), s);
        else
            // Whole-board findings (blob input, tree-wide checks) point at the start: code scanning needs a region.
            sb.Name("artifactLocation").Append('{').Name("uri").Quote(uriOf(fallbackFile)).Append("},")
              .Name("region").Append('{').Name("startLine").Int(1).Append(',').Name("endLine").Int(1).Append('}');
        sb.Append('}');
        if (d.NodePath != null)
        {
            var fq = d.Property != null ? d.NodePath + ":" + d.Property : d.NodePath;
            sb.Append(',').Name("logicalLocations").Append("[{").Name("name").Quote(d.Property ?? d.NodePath).Append(',')
              .Name("fullyQualifiedName").Quote(fq).Append(',').Name("kind").Quote(d.Property != null ? "member" : "object").Append("}]");
        }
        sb.Append('}');
    }

    private static void AppendPhysical(StringBuilder sb, string uri, Text.SourceSpan s)
    {
        sb.Name("artifactLocation").Append('{').Name("uri").Quote(uri).Append("},").Name("region").Append('{')
          .Name("startLine").Int(Math.Max(1, s.Line)).Append(',').Name("startColumn").Int(Math.Max(1, s.Column));
        if (s.EndLine >= s.Line && s.EndLine > 0)
        {
            sb.Append(',').Name("endLine").Int(s.EndLine);
            if (s.EndColumn >= 1 && (s.EndLine > s.Line || s.EndColumn > s.Column)) sb.Append(',').Name("endColumn").Int(s.EndColumn);
        }
        sb.Append('}');
    }

    private static string Text(Diagnostic d) =>
        d.NodePath == null ? d.Message : d.NodePath + (d.Property != null ? ":" + d.Property : "") + ": " + d.Message;

    private static string Level(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };
}
