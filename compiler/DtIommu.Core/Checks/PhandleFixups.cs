using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>Labels, <c>name</c> properties, and the fixups that resolve phandle and path references.</summary>
internal static class PhandleFixups
{
    private sealed class LabelIndex
    {
        public readonly Dictionary<string, Node> Nodes = new(System.StringComparer.Ordinal);
        public readonly Dictionary<string, (Node Node, Property Prop)> Props = new(System.StringComparer.Ordinal);
        public readonly Dictionary<string, (Node Node, Property Prop, int Marker)> Markers = new(System.StringComparer.Ordinal);

        public LabelIndex(Node root)
        {
            var stack = new Stack<Node>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n.HasLabels)
                    for (var li = 0; li < n.Labels.Count; li++)
                        if (n.Labels[li] is { IsDeleted: false } l)
                            if (!Nodes.ContainsKey(l.Name)) Nodes[l.Name] = n;
                foreach (var p in n.Properties)
                {
                    if (p.IsDeleted) continue;
                    if (p.HasLabels)
                        for (var li = 0; li < p.Labels.Count; li++)
                            if (p.Labels[li] is { IsDeleted: false } l)
                                if (!Props.ContainsKey(l.Name)) Props[l.Name] = (n, p);
                    var markers = p.Value.Markers;
                    for (var m = 0; m < markers.Length; m++)
                        if (markers[m].Kind == MarkerKind.Label && markers[m].Reference != null && !Markers.ContainsKey(markers[m].Reference!))
                            Markers[markers[m].Reference!] = (n, p, m);
                }
                for (var k = n.Children.Count - 1; k >= 0; k--)
                    if (!n.Children[k].IsDeleted) stack.Push(n.Children[k]);
            }
        }
    }

    public static void DuplicateLabel(CheckRun run, Node node)
    {
        var index = run.State(r => new LabelIndex(r.Root));
        if (node.HasLabels)
            for (var li = 0; li < node.Labels.Count; li++) if (node.Labels[li] is { IsDeleted: false } l) CheckLabel(run, index, l.Name, node, null, -1);
        if (!run.MayHave(NodeFilter.PropertyLabel)) return;
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            if (p.IsDeleted) continue;
            if (p.HasLabels)
                for (var li = 0; li < p.Labels.Count; li++) if (p.Labels[li] is { IsDeleted: false } l) CheckLabel(run, index, l.Name, node, p, -1);
            var markers = p.Value.Markers;
            for (var m = 0; m < markers.Length; m++)
                if (markers[m].Kind == MarkerKind.Label && markers[m].Reference != null)
                    CheckLabel(run, index, markers[m].Reference!, node, p, m);
        }
    }

    private static void CheckLabel(CheckRun run, LabelIndex index, string label, Node node, Property? prop, int mark)
    {
        Node otherNode;
        Property? otherProp = null;
        var otherMark = -1;
        if (index.Nodes.TryGetValue(label, out var n)) otherNode = n;
        else if (index.Props.TryGetValue(label, out var np)) { otherNode = np.Node; otherProp = np.Prop; }
        else if (index.Markers.TryGetValue(label, out var nm)) { otherNode = nm.Node; otherProp = nm.Prop; otherMark = nm.Marker; }
        else return;
        if (otherNode != node || otherProp != prop || otherMark != mark)
            run.Fail(node, "Duplicate label '" + label + "' on " + Describe(node, prop, mark) + " and " + Describe(otherNode, otherProp, otherMark));
    }

    private static string Describe(Node node, Property? prop, int mark) =>
        (mark >= 0 ? "value of " : "") + (prop != null ? "'" + prop.Name + "' in " : "") + Dtc.Path(node);

    private static uint CheckPhandleProperty(CheckRun run, Node node, string name)
    {
        var prop = node.GetProperty(name);
        if (prop == null) return 0;
        if (prop.Value.Length != 4)
        {
            run.FailProperty(node, prop, "bad length (" + Dtc.Dec(prop.Value.Length) + ") " + prop.Name + " property");
            return 0;
        }
        foreach (var m in prop.Value.Markers)
        {
            if (m.Kind != MarkerKind.RefPhandle) continue;
            // A reference to the node itself asks for a phandle to be allocated, so it counts as none yet.
            if (run.References.Resolve(m.Reference ?? "") != node)
                run.Fail(node, prop.Name + " is a reference to another node");
            return 0;
        }
        var phandle = prop.Value.GetCell(0);
        if (!Dtc.IsValidPhandle(phandle))
        {
            run.FailProperty(node, prop, "bad value (0x" + Dtc.Hex(phandle) + ") in " + prop.Name + " property");
            return 0;
        }
        return phandle;
    }

    public static void ExplicitPhandles(CheckRun run, Node node)
    {
        var phandle = CheckPhandleProperty(run, node, "phandle");
        var linux = CheckPhandleProperty(run, node, "linux,phandle");
        if (phandle == 0 && linux == 0) return;
        if (linux != 0 && phandle != 0 && phandle != linux)
            run.Fail(node, "mismatching 'phandle' and 'linux,phandle' properties");
        if (linux != 0 && phandle == 0) phandle = linux;
        var other = run.Context.Phandles.Find(phandle);
        if (other != null && other != node)
        {
            run.Fail(node, "duplicated phandle 0x" + Dtc.Hex(phandle) + " (seen before at " + Dtc.Path(other) + ")");
            return;
        }
        node.Phandle = phandle;
        run.Context.Phandles.Register(node);
    }

    public static void NameProperties(CheckRun run, Node node)
    {
        // dtc looks through the raw list, deleted entries included, and unlinks a correct one outright.
        Property? prop = null;
        foreach (var p in node.Properties)
            if (p.Name == "name") { prop = p; break; }
        if (prop == null) return;
        var baseName = node.BaseName;
        var value = prop.Value.Bytes;
        var matches = value.Length == baseName.Length + 1;
        for (var i = 0; matches && i < baseName.Length; i++)
            if (value[i] != (byte)baseName[i]) matches = false;
        if (!matches)
            run.Fail(node, "\"name\" property is incorrect (\"" + Dtc.CString(prop.Value) + "\" instead of base node name)");
        else
            node.Properties.Remove(prop);
    }

    public static void PhandleReferences(CheckRun run, Node node)
    {
        var props = node.Properties;
        // Allocating a phandle for this very node appends properties, so the list is walked by index.
        for (var i = 0; i < props.Count; i++)
        {
            var prop = props[i];
            if (prop.IsDeleted) continue;
            var markers = prop.Value.Markers;
            for (var m = 0; m < markers.Length; m++)
            {
                var marker = markers[m];
                if (marker.Kind != MarkerKind.RefPhandle) continue;
                var target = run.References.Resolve(marker.Reference ?? "");
                if (target == null)
                {
                    if (!run.Context.IsPlugin)
                        run.Fail(node, "Reference to non-existent node or label \"" + marker.Reference + "\"");
                    else if (marker.Offset + 4 <= prop.Value.Length)
                        prop.Value.SetCell(marker.Offset, 0xffffffffu);
                    continue;
                }
                var had = target.Properties.Count;
                var phandle = run.Context.Phandles.GetOrAssign(target);
                if (target.Properties.Count != had) run.PropertiesAdded(target);
                if (marker.Offset + 4 <= prop.Value.Length) prop.Value.SetCell(marker.Offset, phandle);
                target.IsReferenced = true;
            }
        }
    }

    public static void PathReferences(CheckRun run, Node node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var prop = props[i];
            if (prop.IsDeleted) continue;
            var value = prop.Value;
            for (var m = 0; m < value.Markers.Length; m++)
            {
                var marker = value.Markers[m];
                if (marker.Kind != MarkerKind.RefPath) continue;
                var target = run.References.Resolve(marker.Reference ?? "");
                if (target == null)
                {
                    run.Fail(node, "Reference to non-existent node or label \"" + marker.Reference + "\"");
                    continue;
                }
                value.InsertAtMarker(m, Dtc.NulTerminated(target.FullPath));
                target.IsReferenced = true;
            }
        }
    }

    public static void OmitUnusedNodes(CheckRun run, Node node)
    {
        if (run.Context.GenerateSymbols && node.HasLabels) return;
        if (node.OmitIfUnused && !node.IsReferenced)
        {
            node.Delete();
            run.NodesDeleted();
        }
    }
}
