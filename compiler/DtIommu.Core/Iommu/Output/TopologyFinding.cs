using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>A finding drawn on the topology: lint's diagnostics when the caller ran lint, else the model's observations.</summary>
/// <param name="NodePath">The node it is about.</param>
/// <param name="Property">The property, or null.</param>
/// <param name="Name">The rule (or observation kind) name.</param>
/// <param name="Severity">error, warning or note.</param>
/// <param name="Message">What it says.</param>
public sealed record TopologyFinding(string NodePath, string? Property, string Name, string Severity, string Message)
{
    /// <summary>Lint's findings of one board, as drawn.</summary>
    public static List<TopologyFinding> FromDiagnostics(IEnumerable<Diagnostic> findings)
    {
        var list = new List<TopologyFinding>();
        foreach (var d in findings)
            if (d.NodePath != null)
                list.Add(new TopologyFinding(d.NodePath, d.Property, d.Descriptor.Name, d.Severity.ToString().ToLowerInvariant(), d.Message));
        return list;
    }

    /// <summary>The model's own observations, when no lint run is at hand.</summary>
    public static List<TopologyFinding> FromObservations(IommuModel model)
    {
        var list = new List<TopologyFinding>();
        foreach (var o in model.Observations) list.Add(new TopologyFinding(o.NodePath, o.Property, Naming.Kebab(o.Kind), "note", o.Message));
        return list;
    }
}
