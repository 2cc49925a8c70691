using System;
using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Model;
using DtIommu.Simulation.Probe;
using DtIommu.Text;

namespace DtIommu.Lint;

/// <summary>What a rule body sees: the tree, the IOMMU model built from it, and a way to report findings.</summary>
public sealed class LintContext
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _bag;
    private readonly LintSettings _settings;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private Dictionary<ObservationKind, List<ModelObservation>>? _byKind;

    /// <summary>Creates a context over a tree and its model.</summary>
    public LintContext(DeviceTree tree, IommuModel model, BindingCatalog catalog, LintSettings settings, DiagnosticBag bag)
    {
        Tree = tree;
        Model = model;
        Catalog = catalog;
        _settings = settings;
        _bag = bag;
        Index(tree.Root);
    }

    /// <summary>The compiled tree.</summary>
    public DeviceTree Tree { get; }

    /// <summary>The IOMMU model of the tree.</summary>
    public IommuModel Model { get; }

    /// <summary>
    /// What the board's simulated IOMMUs did when booted as Linux boots them (groups, and which memory each master
    /// reaches); the reachability and isolation rules take their verdicts from it. Run on first use.
    /// </summary>
    public BootProbeResult Probe => _probe ??= BootProbe.Run(Model);

    private BootProbeResult? _probe;
    private Dictionary<string, List<ProbeCell>>? _cellsByMaster;

    /// <summary>The probe's cells of one master (empty when the probe did not look at it).</summary>
    public IReadOnlyList<ProbeCell> ProbeCells(string master)
    {
        if (_cellsByMaster == null)
        {
            _cellsByMaster = new Dictionary<string, List<ProbeCell>>(StringComparer.Ordinal);
            foreach (var cell in Probe.Cells)
            {
                if (!_cellsByMaster.TryGetValue(cell.Master, out var list)) _cellsByMaster[cell.Master] = list = [];
                list.Add(cell);
            }
        }
        return _cellsByMaster.TryGetValue(master, out var l) ? l : [];
    }

    /// <summary>True when the probe put both masters in one IOMMU group, or its IOMMU refused one of them.</summary>
    public bool ProbeJoinsOrRefuses(string a, string b)
    {
        var ga = Probe.GroupOf(a);
        return ga != null && ReferenceEquals(ga, Probe.GroupOf(b)) || Probe.Refused.ContainsKey(a) || Probe.Refused.ContainsKey(b);
    }

    /// <summary>The bindings the model was built with.</summary>
    public BindingCatalog Catalog { get; }

    /// <summary>The rule whose body is running.</summary>
    public LintRule? Current { get; internal set; }

    /// <summary>The live node at <paramref name="path"/>, or null.</summary>
    public Node? FindNode(string path) => _nodes.TryGetValue(path, out var n) ? n : null;

    /// <summary>Every live node in tree order.</summary>
    public IEnumerable<Node> Nodes => _nodes.Values;

    /// <summary>The model's observations of <paramref name="kind"/>, in discovery order.</summary>
    public IReadOnlyList<ModelObservation> Observations(ObservationKind kind)
    {
        if (_byKind == null)
        {
            _byKind = [];
            foreach (var o in Model.Observations)
            {
                if (!_byKind.TryGetValue(o.Kind, out var list)) _byKind[o.Kind] = list = [];
                list.Add(o);
            }
        }
        return _byKind.TryGetValue(kind, out var l) ? l : [];
    }

    /// <summary>Reports every observation of the given kinds as findings of the current rule.</summary>
    public void ReportObservations(params ObservationKind[] kinds)
    {
        foreach (var k in kinds)
            foreach (var o in Observations(k)) Report(o.NodePath, o.Property, o.Message);
    }

    /// <summary>
    /// Reports a finding of the current rule at <paramref name="property"/> of <paramref name="nodePath"/> (the node
    /// itself when the property is absent); <paramref name="related"/> names the other nodes involved.
    /// </summary>
    public void Report(string nodePath, string? property, string message, params string[] related)
    {
        var rule = Current ?? throw new InvalidOperationException("no rule is running");
        // The model walks shared bus nodes once per master, so the same observation can arrive several times.
        if (!_reported.Add(rule.Code + "\u0000" + nodePath + "\u0000" + property + "\u0000" + message)) return;
        var severity = _settings.SeverityOf(rule);
        if (severity == Severity.Off) return;
        // Linux never probes a node that is disabled, itself or through an ancestor: what is wrong there cannot
        // misbehave on this board. Shown as a note only when asked for.
        if (FindNode(nodePath) is { } node && !TreeIndex.IsAvailableWithAncestors(node))
        {
            if (!_settings.IncludeDisabled) return;
            severity = Severity.Note;
            message += " (in a disabled node)";
        }
        var spans = new List<SourceSpan>();
        foreach (var r in related)
            if (Locate(r, null) is { } s) spans.Add(s);
        _bag.Report(rule.Descriptor, severity, message, Locate(nodePath, property), spans, nodePath, property);
    }

    /// <summary>Where a property (or, without one, the node) was written; null for blob input.</summary>
    public SourceSpan? Locate(string nodePath, string? property)
    {
        var node = FindNode(nodePath);
        if (node == null) return null;
        if (property != null && node.GetProperty(property) is { Span: { } ps }) return ps;
        return node.Span;
    }

    private void Index(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.IsDeleted) continue;
            _nodes[n.FullPath] = n;
            for (var i = n.Children.Count - 1; i >= 0; i--) stack.Push(n.Children[i]);
        }
    }
}
