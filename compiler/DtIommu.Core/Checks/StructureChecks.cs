using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>Names and structure: duplicates, allowed characters, unit address vs reg, labels.</summary>
internal static class StructureChecks
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    public static readonly CharSet NodeChars = new(Lower + Upper + Digits + ",._+-@");
    public static readonly CharSet PropChars = new(Lower + Upper + Digits + ",._+*#?-");
    public static readonly CharSet StrictChars = new(Lower + Upper + Digits + ",-");
    public static readonly CharSet AliasNameChars = new(Lower + Digits + "-");

    public static void DuplicateNodeNames(CheckRun run, Node node)
    {
        var children = node.Children;
        if (children.Count < 2) return;
        if (children.Count <= 8)
        {
            for (var b = 1; b < children.Count; b++)
                for (var a = 0; a < b; a++)
                    if (!children[a].IsDeleted && children[a].Name == children[b].Name) run.Fail(children[b], "Duplicate node name");
            return;
        }
        // dtc compares every live child with every later sibling, deleted ones included, and reports the later
        // one once per earlier live twin; counting earlier live names gives the same reports in linear time.
        var liveSeen = run.State(_ => new Dictionary<string, int>(System.StringComparer.Ordinal));
        liveSeen.Clear();
        foreach (var child in children)
        {
            if (liveSeen.TryGetValue(child.Name, out var count))
                for (var k = 0; k < count; k++) run.Fail(child, "Duplicate node name");
            if (!child.IsDeleted) liveSeen[child.Name] = count + 1;
        }
    }

    public static void DuplicatePropertyNames(CheckRun run, Node node)
    {
        var props = node.Properties;
        if (props.Count < 2) return;
        if (props.Count <= 16)
        {
            for (var a = 0; a < props.Count; a++)
            {
                if (props[a].IsDeleted) continue;
                for (var b = a + 1; b < props.Count; b++)
                    if (!props[b].IsDeleted && props[a].Name == props[b].Name) run.FailProperty(node, props[a], "Duplicate property name");
            }
            return;
        }
        var remaining = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var p in props)
            if (!p.IsDeleted) remaining[p.Name] = remaining.TryGetValue(p.Name, out var n) ? n + 1 : 1;
        if (remaining.Count == CountLive(props)) return;
        // Each live property is reported once per later live property of the same name.
        foreach (var p in props)
        {
            if (p.IsDeleted) continue;
            var later = remaining[p.Name] - 1;
            remaining[p.Name] = later;
            for (var k = 0; k < later; k++) run.FailProperty(node, p, "Duplicate property name");
        }
    }

    private static int CountLive(List<Property> props)
    {
        var n = 0;
        foreach (var p in props) if (!p.IsDeleted) n++;
        return n;
    }

    public static void NodeNameChars(CheckRun run, Node node)
    {
        var n = Dtc.Span(node.Name, NodeChars);
        if (n < node.Name.Length) run.Fail(node, "Bad character '" + node.Name[n] + "' in node name");
    }

    public static void NodeNameCharsStrict(CheckRun run, Node node)
    {
        var n = Dtc.Span(node.Name, StrictChars);
        var at = node.Name.IndexOf('@');
        if (n < (at < 0 ? node.Name.Length : at)) run.Fail(node, "Character '" + node.Name[n] + "' not recommended in node name");
    }

    public static void NodeNameFormat(CheckRun run, Node node)
    {
        var at = node.Name.IndexOf('@');
        if (at >= 0 && node.Name.IndexOf('@', at + 1) >= 0) run.Fail(node, "multiple '@' characters in node name");
    }

    public static void NodeNameNotEmpty(CheckRun run, Node node)
    {
        if (node.Parent != null && (node.Name.Length == 0 || node.Name[0] == '@')) run.Fail(node, "Empty node name");
    }

    public static void NodeNameVsPropertyName(CheckRun run, Node node)
    {
        if (node.Parent == null) return;
        if (node.Parent.GetProperty(node.Name) != null) run.Fail(node, "node name and property name conflict");
    }

    public static void UnitAddressVsReg(CheckRun run, Node node)
    {
        // Overlay fragments carry their target's unit name, not their own.
        if (node.GetChild("__overlay__") != null) return;
        var prop = node.GetProperty("reg");
        if (prop == null)
        {
            prop = node.GetProperty("ranges");
            if (prop != null && prop.Value.Length == 0) prop = null;
        }
        var hasUnit = Dtc.HasUnitAddress(node);
        if (prop != null)
        {
            if (!hasUnit) run.Fail(node, "node has a reg or ranges property, but no unit name");
        }
        else if (hasUnit)
        {
            run.Fail(node, "node has a unit name, but no reg or ranges property");
        }
    }

    public static void PropertyNameChars(CheckRun run, Node node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            if (p.IsDeleted) continue;
            var n = Dtc.Span(p.Name, PropChars);
            if (n < p.Name.Length) run.FailProperty(node, p, "Bad character '" + p.Name[n] + "' in property name");
        }
    }

    public static void PropertyNameCharsStrict(CheckRun run, Node node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            if (p.IsDeleted) continue;
            var name = p.Name;
            var n = Dtc.Span(name, StrictChars);
            if (n == name.Length || name == "device_type") continue;
            // '#' may start the name, or follow a vendor prefix.
            if (name[n] == '#' && (n == 0 || name[n - 1] == ','))
            {
                name = name.Substring(n + 1);
                n = Dtc.Span(name, StrictChars);
            }
            if (n < name.Length) run.FailProperty(node, p, "Character '" + name[n] + "' not recommended in property name");
        }
    }

    public static void AlwaysFail(CheckRun run, Node node) => run.Fail(node, "always_fail check");
}
