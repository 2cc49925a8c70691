using DtIommu.Checks;
using DtIommu.Diagnostics;
using DtIommu.Text;
using Spec = DtIommu.Tests.Checks.TestTree.NodeSpec;

namespace DtIommu.Tests.Checks;

/// <summary>One check with a tree that triggers it, a tree that does not, and where the first report must point.</summary>
public sealed record CheckCase(
    string Check,
    Action<Spec> Bad,
    Action<Spec> Good,
    string? Path,
    string? Property,
    string Message,
    Func<CheckResult, SourceSpan?> Where)
{
    public string[] Options { get; init; } = [];
    public string[] GoodOptions { get; init; } = [];
    public Severity? Severity { get; init; }
    public bool GoodRuns { get; init; } = true;
}

/// <summary>The trigger/clean cases for all checks of the table.</summary>
public static class CheckCases
{
    private static Func<CheckResult, SourceSpan?> PropAt(string path, string prop) => r => r.Prop(path, prop).Span;
    private static Func<CheckResult, SourceSpan?> NodeAt(string path) => r => r.Node(path).Span;
    private static readonly Func<CheckResult, SourceSpan?> Nowhere = _ => null;

    private static Spec Cells11(this Spec s) => s.Cells("#address-cells", 1).Cells("#size-cells", 1);
    private static Spec Cells10(this Spec s) => s.Cells("#address-cells", 1).Cells("#size-cells", 0);

    private static void PciBridge(Spec s, Action<Spec> children) =>
        s.Cells11().Child("pci@0", b =>
        {
            b.Str("device_type", "pci").Cells("#address-cells", 3).Cells("#size-cells", 2).Empty("ranges").Cells("bus-range", 0, 0);
            children(b);
        });

    private static Spec Intc(this Spec s) =>
        s.Child("intc", c => c.Label("intc").Empty("interrupt-controller").Cells("#interrupt-cells", 1).Cells("#address-cells", 0));

    public static readonly IReadOnlyDictionary<string, CheckCase> All = Build();

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    private static Dictionary<string, CheckCase> Build()
    {
        var list = new List<CheckCase>
        {
            new("duplicate_node_names", s => s.Child("a").Child("a"), s => s.Child("a").Child("b"),
                "/a", null, "Duplicate node name", r => r.Tree.Root.Children[1].Span),
            new("duplicate_property_names", s => s.Cells("p", 1).Cells("p", 2), s => s.Cells("p", 1).Cells("q", 2),
                "/", "p", "Duplicate property name", r => r.Tree.Root.Properties[0].Span),
            new("node_name_chars", s => s.Child("a$b"), s => s.Child("a-b,c.d_e+f"),
                "/a$b", null, "Bad character '$' in node name", NodeAt("/a$b")),
            new("node_name_format", s => s.Child("a@1@2"), s => s.Child("a@1"),
                "/a@1@2", null, "multiple '@' characters in node name", NodeAt("/a@1@2")),
            new("node_name_not_empty", s => s.Child("@1"), s => s.Child("a@1"),
                "/@1", null, "Empty node name", NodeAt("/@1")),
            new("property_name_chars", s => s.Cells("p$", 1), s => s.Cells("p,x#?", 1),
                "/", "p$", "Bad character '$' in property name", PropAt("/", "p$")),
            new("name_is_string", s => s.Child("a", a => a.Cells("name", 1)), s => s.Child("a", a => a.Str("name", "x")),
                "/a", "name", "property is not a string", PropAt("/a", "name")),
            new("name_properties", s => s.Child("a", a => a.Str("name", "b")), s => s.Child("a", a => a.Str("name", "a")),
                "/a", null, "\"name\" property is incorrect (\"b\" instead of base node name)", NodeAt("/a")),
            new("node_name_vs_property_name", s => s.Cells("a", 1).Child("a"), s => s.Cells("b", 1).Child("a"),
                "/a", null, "node name and property name conflict", NodeAt("/a")),
            new("duplicate_label", s => s.Child("a", a => a.Label("x")).Child("b", b => b.Label("x")),
                s => s.Child("a", a => a.Label("x")).Child("b", b => b.Label("y")),
                "/b", null, "Duplicate label 'x' on /b and /a", NodeAt("/b")),
            new("explicit_phandles", s => s.Child("a", a => a.Cells("phandle", 0)), s => s.Child("a", a => a.Cells("phandle", 5)),
                "/a", "phandle", "bad value (0x0) in phandle property", PropAt("/a", "phandle")),
            new("phandle_references", s => s.Cells("p", "&missing"), s => s.Child("a", a => a.Label("a")).Cells("p", "&a"),
                "/", null, "Reference to non-existent node or label \"missing\"", NodeAt("/")),
            new("path_references", s => s.PathRef("p", "missing"), s => s.Child("a").PathRef("p", "/a"),
                "/", null, "Reference to non-existent node or label \"missing\"", NodeAt("/")),
            new("omit_unused_nodes", s => s.Cells("p", "&missing").Child("a", a => a.OmitIfNoRef()),
                s => s.Child("a", a => a.Label("a").OmitIfNoRef()).Cells("p", "&a"),
                null, null, "Failed prerequisite 'phandle_references'", Nowhere)
            {
                Options = ["-Eno-phandle_references", "-Wphandle_references", "-Womit_unused_nodes"],
                Severity = DtIommu.Diagnostics.Severity.Warning,
            },
            new("address_cells_is_cell", s => s.Str("#address-cells", "x"), s => s.Cells("#address-cells", 1),
                "/", "#address-cells", "property is not a single cell", PropAt("/", "#address-cells")),
            new("size_cells_is_cell", s => s.Str("#size-cells", "x"), s => s.Cells("#size-cells", 1),
                "/", "#size-cells", "property is not a single cell", PropAt("/", "#size-cells")),
            new("device_type_is_string", s => s.Child("a", a => a.Cells("device_type", 1)), s => s.Child("a", a => a.Str("device_type", "x")),
                "/a", "device_type", "property is not a string", PropAt("/a", "device_type")),
            new("model_is_string", s => s.Str("model", "a", "b"), s => s.Str("model", "a"),
                "/", "model", "property is not a string", PropAt("/", "model")),
            new("status_is_string", s => s.Child("a", a => a.Empty("status")), s => s.Child("a", a => a.Str("status", "okay")),
                "/a", "status", "property is not a string", PropAt("/a", "status")),
            new("label_is_string", s => s.Child("a", a => a.Bytes("label", 0x41)), s => s.Child("a", a => a.Str("label", "A")),
                "/a", "label", "property is not a string", PropAt("/a", "label")),
            new("compatible_is_string_list", s => s.Child("a", a => a.Bytes("compatible", 0x61)), s => s.Child("a", a => a.Str("compatible", "x", "y")),
                "/a", "compatible", "property is not a string list", PropAt("/a", "compatible")),
            new("names_is_string_list", s => s.Child("a", a => a.Cells("clock-names", 1)), s => s.Child("a", a => a.Str("clock-names", "x", "y")),
                "/a", "clock-names", "property is not a string list", PropAt("/a", "clock-names")),
            new("property_name_chars_strict", s => s.Cells("a_b", 1), s => s.Cells("vendor,#a-b", 1).Str("device_type", "x"),
                "/", "a_b", "Character '_' not recommended in property name", PropAt("/", "a_b"))
            {
                Options = ["-Wproperty_name_chars_strict"], GoodOptions = ["-Wproperty_name_chars_strict"],
            },
            new("node_name_chars_strict", s => s.Child("a_b"), s => s.Child("a-b,c@1_2"),
                "/a_b", null, "Character '_' not recommended in node name", NodeAt("/a_b"))
            {
                Options = ["-Wnode_name_chars_strict"], GoodOptions = ["-Wnode_name_chars_strict"],
            },
            new("addr_size_cells", s => s.Str("#size-cells", "x"), s => s.Cells11(),
                null, null, "Failed prerequisite 'size_cells_is_cell'", Nowhere),
            new("reg_format", s => s.Cells11().Child("a@1", a => a.Cells("reg", 1)), s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)),
                "/a@1", "reg", "property has invalid length (4 bytes) (#address-cells == 1, #size-cells == 1)", PropAt("/a@1", "reg")),
            new("ranges_format", s => s.Cells11().Child("b@1", b => b.Cells11().Cells("ranges", 1, 2)),
                s => s.Cells11().Child("b@1", b => b.Cells11().Cells("ranges", 1, 2, 3)),
                "/b@1", "ranges", "\"ranges\" property has invalid length (8 bytes) (parent #address-cells == 1, child #address-cells == 1, #size-cells == 1)",
                PropAt("/b@1", "ranges")),
            new("dma_ranges_format", s => s.Cells11().Child("b", b => b.Cells("#address-cells", 2).Empty("dma-ranges")),
                s => s.Cells11().Child("b", b => b.Cells11().Empty("dma-ranges")),
                "/b", "dma-ranges", "empty \"dma-ranges\" property but its #address-cells (2) differs from / (1)", PropAt("/b", "dma-ranges")),
            new("unit_address_vs_reg", s => s.Child("a@1"), s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)),
                "/a@1", null, "node has a unit name, but no reg or ranges property", NodeAt("/a@1")),
            new("unit_address_format", s => s.Cells11().Child("a@0x1", a => a.Cells("reg", 1, 1)),
                s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)),
                "/a@0x1", null, "unit name should not have leading \"0x\"", NodeAt("/a@0x1")),
            new("pci_bridge", s => s.Cells11().Child("p@0", p => p.Str("device_type", "pci").Cells("#address-cells", 3).Cells("#size-cells", 2).Empty("ranges")),
                s => PciBridge(s, _ => { }),
                "/p@0", null, "node name is not \"pci\" or \"pcie\"", NodeAt("/p@0")),
            new("pci_device_reg", s => PciBridge(s, b => b.Child("dev@2", d => d.Cells("reg", 0x800, 0, 0, 0, 0))),
                s => PciBridge(s, b => b.Child("dev@1", d => d.Cells("reg", 0x800, 0, 0, 0, 0))),
                "/pci@0/dev@2", null, "PCI unit address format error, expected \"1,0\"", NodeAt("/pci@0/dev@2")),
            new("pci_device_bus_num", s => PciBridge(s, b => b.Child("dev@1", d => d.Cells("reg", 0x10800, 0, 0, 0, 0))),
                s => PciBridge(s, b => b.Child("dev@1", d => d.Cells("reg", 0x800, 0, 0, 0, 0))),
                "/pci@0/dev@1", "bus-range", "PCI bus number 1 out of range, expected (0 - 0)", PropAt("/pci@0", "bus-range")),
            new("simple_bus_bridge", s => s.Bytes("compatible", 0x61), s => s.Child("bus", b => b.Str("compatible", "simple-bus")),
                null, null, "Failed prerequisite 'compatible_is_string_list'", Nowhere),
            new("simple_bus_reg", s => s.Cells11().Child("bus", b => b.Str("compatible", "simple-bus").Cells11().Empty("ranges").Child("d@2", d => d.Cells("reg", 1, 1))),
                s => s.Cells11().Child("bus", b => b.Str("compatible", "simple-bus").Cells11().Empty("ranges").Child("d@1", d => d.Cells("reg", 1, 1))),
                "/bus/d@2", null, "simple-bus unit address format error, expected \"1\"", NodeAt("/bus/d@2")),
            new("i2c_bus_bridge", s => s.Child("i2c", b => b.Child("d@1", d => d.Cells("reg", 0, 1, 1))),
                s => s.Child("i2c", b => b.Cells10().Child("d@1", d => d.Cells("reg", 1))),
                "/i2c", null, "incorrect #address-cells for I2C bus", NodeAt("/i2c")),
            new("i2c_bus_reg", s => s.Child("i2c", b => b.Cells10().Child("d@2", d => d.Cells("reg", 1))),
                s => s.Child("i2c", b => b.Cells10().Child("d@1", d => d.Cells("reg", 1))),
                "/i2c/d@2", null, "I2C bus unit address format error, expected \"1\"", NodeAt("/i2c/d@2")),
            new("spi_bus_bridge", s => s.Child("spi", b => b.Child("d@0", d => d.Cells("reg", 0, 0, 1))),
                s => s.Child("spi", b => b.Cells10().Child("d@0", d => d.Cells("reg", 0))),
                "/spi", null, "incorrect #address-cells for SPI bus", NodeAt("/spi")),
            new("spi_bus_reg", s => s.Child("spi", b => b.Cells10().Child("d@2", d => d.Cells("reg", 1))),
                s => s.Child("spi", b => b.Cells10().Child("d@1", d => d.Cells("reg", 1))),
                "/spi/d@2", null, "SPI bus unit address format error, expected \"1\"", NodeAt("/spi/d@2")),
            new("avoid_default_addr_size", s => s.Child("a@1", a => a.Cells("reg", 0, 1, 1)), s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)),
                "/a@1", null, "Relying on default #address-cells value", NodeAt("/a@1")),
            new("avoid_unnecessary_addr_size", s => s.Child("b", b => b.Cells11().Child("c")),
                s => s.Cells11().Child("b", b => b.Cells11().Child("c@1", c => c.Cells("reg", 1, 1))),
                "/b", null, "unnecessary #address-cells/#size-cells without \"ranges\", \"dma-ranges\" or child \"reg\" or \"ranges\" property", NodeAt("/b")),
            new("unique_unit_address", s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)).Child("b@1", b => b.Cells("reg", 1, 1)),
                s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)).Child("b@2", b => b.Cells("reg", 2, 1)),
                "/a@1", null, "duplicate unit-address (also used in node /b@1)", NodeAt("/a@1")),
            new("unique_unit_address_if_enabled", s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)).Child("b@1", b => b.Cells("reg", 1, 1)),
                s => s.Cells11().Child("a@1", a => a.Cells("reg", 1, 1)).Child("b@1", b => b.Cells("reg", 1, 1).Str("status", "disabled")),
                "/a@1", null, "duplicate unit-address (also used in node /b@1)", NodeAt("/a@1"))
            {
                Options = ["-Wunique_unit_address_if_enabled"], GoodOptions = ["-Wunique_unit_address_if_enabled"],
            },
            new("obsolete_chosen_interrupt_controller", s => s.Child("chosen", c => c.Empty("interrupt-controller")),
                s => s.Child("chosen", c => c.Str("bootargs", "x")).Child("intc", c => c.Empty("interrupt-controller")),
                "/", "interrupt-controller", "/chosen has obsolete \"interrupt-controller\" property", PropAt("/chosen", "interrupt-controller")),
            new("chosen_node_is_root", s => s.Child("a", a => a.Child("chosen")), s => s.Child("chosen"),
                "/a/chosen", null, "chosen node must be at root node", NodeAt("/a/chosen")),
            new("chosen_node_bootargs", s => s.Child("chosen", c => c.Cells("bootargs", 1)), s => s.Child("chosen", c => c.Str("bootargs", "console=ttyS0")),
                "/chosen", "bootargs", "property is not a string", PropAt("/chosen", "bootargs")),
            new("chosen_node_stdout_path", s => s.Child("chosen", c => c.Str("linux,stdout-path", "/a")), s => s.Child("chosen", c => c.Str("stdout-path", "/a")),
                "/chosen", "linux,stdout-path", "Use 'stdout-path' instead", PropAt("/chosen", "linux,stdout-path")),
        };

        foreach (var (name, provider) in PhandleArgsChecksAccess.Providers)
        {
            var prop = provider.Prop;
            var cells = provider.Cells;
            list.Add(new(name + "_property",
                s => s.Child("p", p => p.Label("p").Cells(cells, 1)).Child("c", c => c.Cells(prop, "&p")),
                s => s.Child("p", p => p.Label("p").Cells(cells, 1)).Child("c", c => c.Cells(prop, "&p", 5)),
                "/c", prop, "property size (4) too small for cell size 1", PropAt("/c", prop)));
            list.Add(new(name + "_is_cell",
                s => s.Child("p", p => p.Str(cells, "x")),
                s => s.Child("p", p => p.Cells(cells, 1)),
                "/p", cells, "property is not a single cell", PropAt("/p", cells)));
        }

        list.AddRange(
        [
            new("deprecated_gpio_property", s => s.Child("g", g => g.Label("g").Cells("#gpio-cells", 1)).Child("c", c => c.Cells("reset-gpio", "&g", 1)),
                s => s.Child("g", g => g.Label("g").Cells("#gpio-cells", 1)).Child("c", c => c.Cells("reset-gpios", "&g", 1)),
                "/c", "reset-gpio", "'[*-]gpio' is deprecated, use '[*-]gpios' instead", PropAt("/c", "reset-gpio"))
            {
                Options = ["-Wdeprecated_gpio_property"], GoodOptions = ["-Wdeprecated_gpio_property"],
            },
            new("gpios_property", s => s.Child("g", g => g.Label("g").Cells("#gpio-cells", 2)).Child("c", c => c.Cells("reset-gpios", "&g", 1)),
                s => s.Child("g", g => g.Label("g").Cells("#gpio-cells", 2)).Child("c", c => c.Cells("reset-gpios", "&g", 1, 2)),
                "/c", "reset-gpios", "property size (8) too small for cell size 2", PropAt("/c", "reset-gpios")),
            new("interrupts_property", s => s.Child("a", a => a.Cells("interrupts", 1)),
                s => s.Cells("interrupt-parent", "&intc").Intc().Child("a", a => a.Cells("interrupts", 1)),
                "/a", null, "Missing interrupt-parent", NodeAt("/a")),
            new("interrupt_provider", s => s.Child("intc", c => c.Empty("interrupt-controller")), s => s.Intc(),
                "/intc", null, "Missing '#interrupt-cells' in interrupt provider", NodeAt("/intc")),
            new("interrupt_map", s => s.Intc().Child("n", n => n.Cells("#interrupt-cells", 1).Cells("interrupt-map", 1, "&intc", 1)),
                s => s.Intc().Child("n", n => n.Cells("#address-cells", 0).Cells("#interrupt-cells", 1).Cells("interrupt-map", 1, "&intc", 1)),
                "/n", null, "Missing '#address-cells' in interrupt-map provider", NodeAt("/n")),
            new("alias_paths", s => s.Child("aliases", a => a.Str("serial0", "/nope")).Child("a"),
                s => s.Child("aliases", a => a.Str("serial0", "/a")).Child("a"),
                "/aliases", "serial0", "aliases property is not a valid node (/nope)", PropAt("/aliases", "serial0")),
            new("graph_nodes", s => s.Child("endpoint"), s => s.Child("dev", d => d.Child("port", p => p.Child("endpoint"))),
                "/", null, "root node contains endpoint node 'endpoint', potentially misplaced remote-endpoint property", NodeAt("/")),
            new("graph_child_address",
                s => s.Child("dev", d => d.Child("ports", ps => ps.Cells10().Child("port@0", p => p.Cells("reg", 0).Child("endpoint")))),
                s => s.Child("dev", d => d.Child("ports", ps => ps.Child("port", p => p.Child("endpoint")))),
                "/dev/ports", null, "graph node has single child node 'port@0', #address-cells/#size-cells are not necessary", NodeAt("/dev/ports"))
            {
                Options = ["-Wgraph_child_address"], GoodOptions = ["-Wgraph_child_address"],
            },
            new("graph_port", s => s.Child("dev", d => d.Child("ports", ps => ps.Child("port-a", p => p.Child("endpoint")))),
                s => s.Child("dev", d => d.Child("ports", ps => ps.Child("port", p => p.Child("endpoint")))),
                "/dev/ports/port-a", null, "graph port node name should be 'port'", NodeAt("/dev/ports/port-a")),
            new("graph_endpoint",
                s => s.Child("d1", d => d.Child("port", p => p.Child("endpoint", e => e.Cells("remote-endpoint", "&e2"))))
                      .Child("d2", d => d.Child("port", p => p.Child("endpoint", e => e.Label("e2")))),
                s => s.Child("d1", d => d.Child("port", p => p.Child("endpoint", e => e.Label("e1").Cells("remote-endpoint", "&e2"))))
                      .Child("d2", d => d.Child("port", p => p.Child("endpoint", e => e.Label("e2").Cells("remote-endpoint", "&e1")))),
                "/d1/port/endpoint", null, "graph connection to node '/d2/port/endpoint' is not bidirectional", NodeAt("/d1/port/endpoint")),
            new("always_fail", s => s.Child("a"), s => s.Child("a"), "/", null, "always_fail check", NodeAt("/"))
            {
                Options = ["-Walways_fail"], GoodRuns = false,
            },
        ]);
        return list.ToDictionary(c => c.Check);
    }
}

/// <summary>The provider pairs as the tests see them.</summary>
internal static class PhandleArgsChecksAccess
{
    public static IEnumerable<(string Name, (string Prop, string Cells) Provider)> Providers =>
        DtIommu.Checks.PhandleArgsChecks.Providers.Select(p => (p.Check, (p.Provider.PropertyName, p.Provider.CellsName)));
}
