using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>Type checks of single properties: one string, a string list, one cell.</summary>
internal static class StringPropertyChecks
{
    /// <summary>A body failing when <paramref name="name"/> is present but not exactly one string.</summary>
    public static CheckBody IsString(string name) => (run, node) => CheckString(run, node, node.GetProperty(name));

    /// <summary>A body failing when <paramref name="name"/> is present but does not end in a NUL.</summary>
    public static CheckBody IsStringList(string name) => (run, node) => CheckStringList(run, node, node.GetProperty(name));

    /// <summary>A body failing when <paramref name="name"/> is present but not exactly 4 bytes.</summary>
    public static CheckBody IsCell(string name) => (run, node) =>
    {
        var prop = node.GetProperty(name);
        if (prop != null && prop.Value.Length != 4) run.FailProperty(node, prop, "property is not a single cell");
    };

    internal static void CheckString(CheckRun run, Node node, Property? prop)
    {
        if (prop != null && !prop.Value.IsOneString()) run.FailProperty(node, prop, "property is not a string");
    }

    internal static void CheckStringList(CheckRun run, Node node, Property? prop)
    {
        if (prop == null) return;
        var v = prop.Value;
        // Walking NUL-separated strings fails exactly when the last one runs off the end unterminated.
        if (v.Length > 0 && v.Bytes[v.Length - 1] != 0) run.FailProperty(node, prop, "property is not a string list");
    }

    public static void NamesIsStringList(CheckRun run, Node node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
            if (!props[i].IsDeleted && Dtc.EndsWith(props[i].Name, "-names")) CheckStringList(run, node, props[i]);
    }
}

/// <summary>Checks of <c>/chosen</c>.</summary>
internal static class ChosenChecks
{
    public static void ObsoleteInterruptController(CheckRun run, Node node)
    {
        if (node != run.Root) return;
        var chosen = run.References.ByPath(node, "/chosen");
        var prop = chosen?.GetProperty("interrupt-controller");
        if (prop != null) run.FailProperty(node, prop, "/chosen has obsolete \"interrupt-controller\" property");
    }

    public static void NodeIsRoot(CheckRun run, Node node)
    {
        if (node.Name == "chosen" && node.Parent != run.Root) run.Fail(node, "chosen node must be at root node");
    }

    public static void Bootargs(CheckRun run, Node node)
    {
        if (node.Name != "chosen") return;
        StringPropertyChecks.CheckString(run, node, node.GetProperty("bootargs"));
    }

    public static void StdoutPath(CheckRun run, Node node)
    {
        if (node.Name != "chosen") return;
        var prop = node.GetProperty("stdout-path");
        if (prop == null)
        {
            prop = node.GetProperty("linux,stdout-path");
            if (prop == null) return;
            run.FailProperty(node, prop, "Use 'stdout-path' instead");
        }
        StringPropertyChecks.CheckString(run, node, prop);
    }
}

/// <summary>Checks of <c>/aliases</c>.</summary>
internal static class AliasChecks
{
    public static void AliasPaths(CheckRun run, Node node)
    {
        if (node.Name != "aliases") return;
        foreach (var p in node.LiveProperties)
        {
            if (p.Name == "phandle" || p.Name == "linux,phandle") continue;
            // An overlay's aliases may point outside it (dtc 1.8.1 skips this test for /plugin/).
            if (!run.Context.IsPlugin && (p.Value.Length == 0 || run.References.ByPath(run.Root, p.Value.AsString()) == null))
            {
                run.FailProperty(node, p, "aliases property is not a valid node (" + Dtc.CString(p.Value) + ")");
                continue;
            }
            if (Dtc.Span(p.Name, StructureChecks.AliasNameChars) != p.Name.Length)
                run.Fail(node, "aliases property name must include only lowercase and '-'");
        }
    }
}
