using System.Text;
using DtIommu.Compilation;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Iommu.Resolve;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Tests.Iommu;

/// <summary>Compiles DTS fixtures with the project's own front end and builds models with the shipped bindings.</summary>
internal static class IommuTestSupport
{
    private static BindingCatalog? _shipped;

    /// <summary>The repository's bindings/ directory, found from the test binaries upwards.</summary>
    public static BindingCatalog Shipped
    {
        get
        {
            if (_shipped != null) return _shipped;
            var c = BindingCatalog.LoadShipped();
            c.Diagnostics.Items.Where(d => d.IsError).ShouldBeEmpty();
            return _shipped = c;
        }
    }

    public static DeviceTree Compile(string dts)
    {
        var files = new MemoryFileSource().Add("test.dts", dts);
        var result = DtcCompiler.Compile(new DtcOptions { Input = "test.dts", InputFormat = "dts", OutputFormat = "dtb", Force = true, Quiet = 3 }, files);
        result.Tree.ShouldNotBeNull(string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Tree!;
    }

    /// <summary>Compiles to a blob and reads it back, as a decompiled DTB would be seen (no labels, raw phandles).</summary>
    public static DeviceTree CompileViaDtb(string dts)
    {
        var files = new MemoryFileSource().Add("test.dts", dts);
        var result = DtcCompiler.Compile(new DtcOptions { Input = "test.dts", InputFormat = "dts", OutputFormat = "dtb", Force = true, Quiet = 3 }, files);
        result.Output.ShouldNotBeNull();
        var back = DtcCompiler.Compile(new DtcOptions { Input = "t.dtb", InputFormat = "dtb", OutputFormat = "dtb", Force = true, Quiet = 3 },
            new MemoryFileSource().Add("t.dtb", result.Output!));
        back.Tree.ShouldNotBeNull();
        return back.Tree!;
    }

    public static IommuModel Model(string dts) => IommuModelBuilder.Build(Compile(dts), Shipped);

    public static DmaMaster Master(this IommuModel m, string path) =>
        m.FindMaster(path) ?? throw new ShouldAssertException($"no master {path}; have: {string.Join(", ", m.Masters.Select(x => x.Path))}");

    public static IommuInstance Instance(this IommuModel m, string path) =>
        m.FindInstance(path) ?? throw new ShouldAssertException($"no instance {path}; have: {string.Join(", ", m.Instances.Select(x => x.Path))}");

    public static IEnumerable<ModelObservation> Of(this IommuModel m, ObservationKind kind) => m.Observations.Where(o => o.Kind == kind);

    public static string Dump(this IommuModel m)
    {
        var sb = new StringBuilder();
        foreach (var o in m.Observations) sb.AppendLine($"{o.Kind} {o.NodePath} {o.Property}: {o.Message}");
        return sb.ToString();
    }
}

/// <summary>A small fluent builder for trees made without DTS source (as a DTB reader would produce them).</summary>
internal sealed class TreeBuilder
{
    private readonly Node _node;

    private TreeBuilder(Node node) => _node = node;

    public static DeviceTree Tree(Action<TreeBuilder> root)
    {
        var r = new Node("");
        root(new TreeBuilder(r));
        return new DeviceTree(r);
    }

    public TreeBuilder Cells(string name, params uint[] cells)
    {
        var v = new PropertyValue();
        foreach (var c in cells) v.AppendCell(c);
        _node.AddProperty(new Property(name, v));
        return this;
    }

    public TreeBuilder Strings(string name, params string[] strings)
    {
        var v = new PropertyValue();
        foreach (var s in strings)
        {
            v.Append(Encoding.ASCII.GetBytes(s));
            v.AppendByte(0);
        }
        _node.AddProperty(new Property(name, v));
        return this;
    }

    public TreeBuilder Flag(string name)
    {
        _node.AddProperty(new Property(name, new PropertyValue()));
        return this;
    }

    public TreeBuilder Phandle(uint value)
    {
        _node.Phandle = value;
        return Cells("phandle", value);
    }

    public TreeBuilder Child(string name, Action<TreeBuilder> body)
    {
        var c = new Node(name);
        _node.AddChild(c);
        body(new TreeBuilder(c));
        return this;
    }
}
