using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Text;

namespace DtIommu.Tests.Checks;

/// <summary>Builds device trees in code, giving every node and property its own synthetic source lines.</summary>
public sealed class TestTree
{
    public const string File = "test.dts";
    private int _line;

    private TestTree() { }

    /// <summary>Builds a tree whose root is described by <paramref name="root"/>.</summary>
    public static DeviceTree Build(Action<NodeSpec> root, bool plugin = false)
    {
        var builder = new TestTree();
        var node = new Node("");
        var start = ++builder._line;
        root(new NodeSpec(node, builder));
        node.Spans.Add(new SourceSpan(File, start, 3, ++builder._line, 3));
        return new DeviceTree(node) { IsPlugin = plugin, FromSource = true };
    }

    /// <summary>The fluent description of one node.</summary>
    public sealed class NodeSpec
    {
        private readonly TestTree _b;

        internal NodeSpec(Node node, TestTree builder)
        {
            Node = node;
            _b = builder;
        }

        public Node Node { get; }

        public NodeSpec Label(params string[] labels)
        {
            foreach (var l in labels) Node.Labels.Add(l);
            return this;
        }

        /// <summary>A cell array: numbers become cells, strings "&amp;x" become phandle references.</summary>
        public NodeSpec Cells(string name, params object[] items)
        {
            var v = new PropertyValue();
            v.AddMarker(MarkerKind.TypeUint32);
            foreach (var item in items)
            {
                if (item is string s && s.StartsWith('&'))
                {
                    v.AddMarker(MarkerKind.RefPhandle, s.Substring(1).Trim('{', '}'));
                    v.AppendCell(0xffffffff);
                }
                else
                {
                    v.AppendCell(Convert.ToUInt32(item));
                }
            }
            return Add(name, v);
        }

        public NodeSpec Str(string name, params string[] strings)
        {
            var v = new PropertyValue();
            foreach (var s in strings)
            {
                v.AddMarker(MarkerKind.TypeString);
                foreach (var c in s) v.AppendByte((byte)c);
                v.AppendByte(0);
            }
            return Add(name, v);
        }

        public NodeSpec Bytes(string name, params byte[] bytes)
        {
            var v = new PropertyValue();
            v.AddMarker(MarkerKind.TypeUint8);
            v.Append(bytes);
            return Add(name, v);
        }

        public NodeSpec Empty(string name) => Add(name, new PropertyValue());

        /// <summary>A string-context reference (<c>p = &amp;x;</c>) that the path fixup fills in.</summary>
        public NodeSpec PathRef(string name, string reference)
        {
            var v = new PropertyValue();
            v.AddMarker(MarkerKind.TypeString);
            v.AddMarker(MarkerKind.RefPath, reference);
            return Add(name, v);
        }

        /// <summary>A property with a label on it, and a value label at its start.</summary>
        public NodeSpec Labelled(string name, string? propertyLabel, string? valueLabel)
        {
            var v = new PropertyValue();
            v.AddMarker(MarkerKind.TypeUint32);
            if (valueLabel != null) v.AddMarker(MarkerKind.Label, valueLabel);
            v.AppendCell(1);
            Add(name, v);
            if (propertyLabel != null) Node.Properties[^1].Labels.Add(propertyLabel);
            return this;
        }

        public NodeSpec Add(string name, PropertyValue value)
        {
            var line = ++_b._line;
            Node.AddProperty(new Property(name, value, new SourceSpan(File, line, 2, line, 2 + name.Length + 1)));
            return this;
        }

        public NodeSpec Child(string name, Action<NodeSpec>? body = null)
        {
            var child = new Node(name);
            Node.AddChild(child);
            var start = ++_b._line;
            body?.Invoke(new NodeSpec(child, _b));
            child.Spans.Add(new SourceSpan(File, start, 2 + name.Length + 1, ++_b._line, 4));
            return this;
        }

        /// <summary>Records a second, merged definition of this node (dtc's "also defined at").</summary>
        public NodeSpec AlsoDefined()
        {
            var line = ++_b._line;
            Node.Spans.Add(new SourceSpan(File, line, 1, line + 1, 3));
            _b._line++;
            return this;
        }

        public NodeSpec OmitIfNoRef()
        {
            Node.OmitIfUnused = true;
            return this;
        }

        public NodeSpec Deleted()
        {
            Node.IsDeleted = true;
            return this;
        }
    }
}

/// <summary>Runs the checks on a test tree and gives access to the result.</summary>
public sealed class CheckResult
{
    public required DeviceTree Tree { get; init; }
    public required CheckContext Context { get; init; }
    public required bool Error { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public required IReadOnlyList<CheckStatus> Statuses { get; init; }

    /// <summary>Runs with dtc's options such as "-W name", "-Eno-name", "-@".</summary>
    public static CheckResult Run(DeviceTree tree, params string[] options)
    {
        var settings = new CheckSettings();
        var symbols = false;
        foreach (var o in options)
        {
            if (o == "-@") { symbols = true; continue; }
            var arg = o.Substring(2).Trim();
            var ok = o.StartsWith("-W") ? settings.TryApplyWarningOption(arg, out var err) : settings.TryApplyErrorOption(arg, out err);
            ok.ShouldBeTrue(err);
        }
        var context = new CheckContext(tree, new PhandleAllocator(PhandleFormat.Epapr), "out.dtb", symbols);
        var bag = new DiagnosticBag();
        var error = CheckRunner.Run(context, settings, bag, out var statuses);
        return new CheckResult { Tree = tree, Context = context, Error = error, Diagnostics = bag.Items, Statuses = statuses };
    }

    public IEnumerable<Diagnostic> Named(string check) => Diagnostics.Where(d => d.Descriptor.Name == check);

    public CheckStatus Status(string check) => Statuses[CheckTable.Find(check)!.Index];

    public Node Node(string path) => path == "/" ? Tree.Root : NodeLookup.ByPath(Tree.Root, path) ?? throw new InvalidOperationException(path);

    public Property Prop(string path, string name) => Node(path).GetProperty(name) ?? throw new InvalidOperationException(path + ":" + name);

    public string Dtc() => string.Concat(Diagnostics.Select(d => DtIommu.Diagnostics.Formatting.DtcFormatter.Format(d, Context.OutputName)));
}
