using System;
using System.Collections.Generic;
using DtIommu.Diagnostics;

namespace DtIommu.Checks;

/// <summary>dtc 1.8.1's <c>check_table</c>: every check once, in execution order, with its prerequisites.</summary>
public static class CheckTable
{
    private const bool W = true;
    private const bool E = true;
    private const bool Off = false;

    // Built once per process and changed in place by its fluent setters: a record copied by each `with` made the
    // table's construction a visible part of a small compile.
    private sealed class Entry(string name, bool warn, bool error, string title, CheckBody? body, string[] prereqs)
    {
        public string Name { get; } = name;
        public bool Warn { get; } = warn;
        public bool Error { get; } = error;
        public string Title { get; } = title;
        public CheckBody? Body { get; } = body;
        public string[] Prereqs { get; } = prereqs;
        public ulong Interest { get; private set; }

        /// <summary>Code slot (DT2001 + n) when it is not the table position: checks added after codes were published.</summary>
        public int CodeIndex { get; private set; } = -1;

        public NodeFilter.Flags AnyFlags { get; private set; }
        public NodeFilter.Flags AllFlags { get; private set; }

        /// <summary>Gives the check the published code DT2001 + <paramref name="codeIndex"/>.</summary>
        public Entry Coded(int codeIndex)
        {
            CodeIndex = codeIndex;
            return this;
        }

        /// <summary>Visit also (or only, without property interest) nodes with one of these flags.</summary>
        public Entry When(NodeFilter.Flags flags)
        {
            AnyFlags |= flags;
            return this;
        }

        /// <summary>Visit only nodes having all these flags.</summary>
        public Entry Only(NodeFilter.Flags flags)
        {
            AllFlags |= flags;
            return this;
        }

        /// <summary>Visit only nodes that have one of these properties (the body does nothing on others).</summary>
        public Entry When(params string[] names)
        {
            Interest |= NodeFilter.Bits(names);
            return this;
        }

        /// <summary>Visit only nodes whose summary has one of these special bits.</summary>
        public Entry When(ulong bits)
        {
            Interest |= bits;
            return this;
        }
    }

    private static readonly Check[] Table;
    private static readonly Dictionary<string, Check> ByName = new(StringComparer.Ordinal);
    private static readonly List<Check>[] Dependants;

    static CheckTable()
    {
        var entries = Entries();
        Table = new Check[entries.Count];
        // Codes are stable: table positions number them, skipping checks that carry a later code of their own.
        var nextCode = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var code = e.CodeIndex >= 0 ? e.CodeIndex : nextCode++;
            Table[i] = new Check(i, code, e.Name, e.Warn, e.Error, e.Title, e.Body) { Interest = e.Interest, InterestFlags = e.AnyFlags, RequiredFlags = e.AllFlags };
            ByName.Add(e.Name, Table[i]);
        }
        Dependants = new List<Check>[Table.Length];
        for (var i = 0; i < Table.Length; i++) Dependants[i] = [];
        for (var i = 0; i < entries.Count; i++)
            foreach (var p in entries[i].Prereqs)
            {
                var prereq = ByName[p];
                Table[i].PrerequisiteList.Add(prereq);
                Dependants[prereq.Index].Add(Table[i]);
            }
    }

    /// <summary>All checks in execution order.</summary>
    public static IReadOnlyList<Check> All => Table;

    /// <summary>The check with dtc's name <paramref name="name"/>, or null.</summary>
    public static Check? Find(string name) => ByName.TryGetValue(name, out var c) ? c : null;

    /// <summary>The descriptors of all checks, in table order.</summary>
    public static IEnumerable<DiagnosticDescriptor> Descriptors
    {
        get { foreach (var c in Table) yield return c.Descriptor; }
    }

    /// <summary>The checks that list <paramref name="check"/> as a prerequisite, in table order.</summary>
    public static IReadOnlyList<Check> DependantsOf(Check check) => Dependants[check.Index];

    private static Entry Warning(string name, string title, CheckBody? body, params string[] prereqs) => new(name, W, false, title, body, prereqs);
    private static Entry Error(string name, string title, CheckBody? body, params string[] prereqs) => new(name, false, E, title, body, prereqs);
    private static Entry Disabled(string name, string title, CheckBody? body, params string[] prereqs) => new(name, Off, Off, title, body, prereqs);

    private static List<Entry> Entries()
    {
        var list = new List<Entry>
        {
            Error("duplicate_node_names", "Two sibling nodes have the same name", StructureChecks.DuplicateNodeNames).When(NodeFilter.Flags.ManyChildren),
            Error("duplicate_property_names", "A node has two properties with the same name", StructureChecks.DuplicatePropertyNames).When(NodeFilter.Flags.MaybeDuplicateProperty),
            Error("node_name_chars", "A node name has a character outside [a-zA-Z0-9,._+-@]", StructureChecks.NodeNameChars).When(NodeFilter.Flags.NameChars),
            Error("node_name_format", "A node name has more than one '@'", StructureChecks.NodeNameFormat, "node_name_chars").When(NodeFilter.Flags.MultipleAt),
            Error("node_name_not_empty", "A node other than the root has an empty name (before any '@')", StructureChecks.NodeNameNotEmpty, "node_name_chars").When(NodeFilter.Flags.EmptyBaseName).Coded(89),
            Error("property_name_chars", "A property name has a character outside [a-zA-Z0-9,._+*#?-]", StructureChecks.PropertyNameChars),
            Error("name_is_string", "A \"name\" property is not a single string", StringPropertyChecks.IsString("name")).When("name"),
            Error("name_properties", "A \"name\" property differs from the node's base name (a matching one is removed)", PhandleFixups.NameProperties, "name_is_string").When("name"),
            Warning("node_name_vs_property_name", "A node has the same name as a property of its parent", StructureChecks.NodeNameVsPropertyName, "node_name_chars").When(NodeFilter.Flags.NameClash),
            Error("duplicate_label", "A label is defined more than once", PhandleFixups.DuplicateLabel).When(NodeFilter.Flags.Labelled).When(NodeFilter.PropertyLabel),
            Error("explicit_phandles", "A phandle or linux,phandle property is malformed, inconsistent or duplicated", PhandleFixups.ExplicitPhandles).When("phandle", "linux,phandle"),
            Error("phandle_references", "A phandle reference names no node (fills in phandle references)", PhandleFixups.PhandleReferences, "duplicate_node_names", "explicit_phandles").When(NodeFilter.PhandleRef),
            Error("path_references", "A path reference names no node (fills in path references)", PhandleFixups.PathReferences, "duplicate_node_names").When(NodeFilter.PathRef),
            Error("omit_unused_nodes", "Removes /omit-if-no-ref/ nodes that nothing references", PhandleFixups.OmitUnusedNodes, "phandle_references", "path_references").When(NodeFilter.Flags.Omit),
            Warning("address_cells_is_cell", "#address-cells is not a single cell", StringPropertyChecks.IsCell("#address-cells")).When("#address-cells"),
            Warning("size_cells_is_cell", "#size-cells is not a single cell", StringPropertyChecks.IsCell("#size-cells")).When("#size-cells"),
            Warning("device_type_is_string", "device_type is not a single string", StringPropertyChecks.IsString("device_type")).When("device_type"),
            Warning("model_is_string", "model is not a single string", StringPropertyChecks.IsString("model")).When("model"),
            Warning("status_is_string", "status is not a single string", StringPropertyChecks.IsString("status")).When("status"),
            Warning("label_is_string", "label is not a single string", StringPropertyChecks.IsString("label")).When("label"),
            Warning("compatible_is_string_list", "compatible is not a list of strings", StringPropertyChecks.IsStringList("compatible")).When("compatible"),
            Warning("names_is_string_list", "A *-names property is not a list of strings", StringPropertyChecks.NamesIsStringList).When(NodeFilter.NamesList),
            Disabled("property_name_chars_strict", "A property name has a character not recommended by the specification", StructureChecks.PropertyNameCharsStrict),
            Disabled("node_name_chars_strict", "A node name has a character not recommended by the specification", StructureChecks.NodeNameCharsStrict).When(NodeFilter.Flags.NameCharsStrict),
            Warning("addr_size_cells", "Records #address-cells and #size-cells for the address checks", RegRangesChecks.AddrSizeCells, "address_cells_is_cell", "size_cells_is_cell"),
            Warning("reg_format", "A reg property does not fit the parent's #address-cells and #size-cells", RegRangesChecks.RegFormat, "addr_size_cells").When("reg"),
            Warning("ranges_format", "A ranges property does not fit the address and size cells", RegRangesChecks.RangesFormat("ranges"), "addr_size_cells").When("ranges"),
            Warning("dma_ranges_format", "A dma-ranges property does not fit the address and size cells", RegRangesChecks.RangesFormat("dma-ranges"), "addr_size_cells").When("dma-ranges"),
            Warning("unit_address_vs_reg", "A unit address without reg or ranges, or reg or ranges without a unit address", StructureChecks.UnitAddressVsReg).When(NodeFilter.Flags.HasUnit).When("reg", "ranges"),
            Warning("unit_address_format", "A unit address has a 0x prefix or leading zeros", RegRangesChecks.UnitAddressFormat, "node_name_format", "pci_bridge", "simple_bus_bridge").When(NodeFilter.Flags.HasUnit),
            Warning("pci_bridge", "A PCI bridge (device_type \"pci\") is malformed", BusChecks.PciBridge, "device_type_is_string", "addr_size_cells").When("device_type"),
            Warning("pci_device_reg", "A PCI device's reg or unit address is not a valid configuration-space address", BusChecks.PciDeviceReg, "reg_format", "pci_bridge").When("reg").Only(NodeFilter.Flags.ParentDeviceType),
            Warning("pci_device_bus_num", "A PCI device's bus number is outside the bridge's bus-range", BusChecks.PciDeviceBusNum, "reg_format", "pci_bridge").When("reg").Only(NodeFilter.Flags.ParentDeviceType),
            Warning("simple_bus_bridge", "Marks simple-bus nodes for the simple-bus checks", BusChecks.SimpleBusBridge, "addr_size_cells", "compatible_is_string_list").When("compatible"),
            Warning("simple_bus_reg", "A simple-bus child's unit address does not match its reg or ranges", BusChecks.SimpleBusReg, "reg_format", "simple_bus_bridge").Only(NodeFilter.Flags.ParentCompatible),
            Warning("i2c_bus_bridge", "An I2C bus has wrong #address-cells or #size-cells", BusChecks.I2cBusBridge, "addr_size_cells").When(NodeFilter.Flags.I2cName),
            Warning("i2c_bus_reg", "An I2C device's reg or unit address is wrong", BusChecks.I2cBusReg, "reg_format", "i2c_bus_bridge").Only(NodeFilter.Flags.ParentI2cName),
            Warning("spi_bus_bridge", "An SPI bus has a wrong name, #address-cells or #size-cells", BusChecks.SpiBusBridge, "addr_size_cells").When(NodeFilter.Flags.SpiCandidate),
            Warning("spi_bus_reg", "An SPI device's reg or unit address is wrong", BusChecks.SpiBusReg, "reg_format", "spi_bus_bridge").Only(NodeFilter.Flags.ParentSpiCandidate),
            Warning("avoid_default_addr_size", "A node with reg or ranges relies on the default #address-cells or #size-cells", RegRangesChecks.AvoidDefaultAddrSize, "addr_size_cells").When("reg", "ranges"),
            Warning("avoid_unnecessary_addr_size", "#address-cells/#size-cells without ranges, dma-ranges or a child reg", RegRangesChecks.AvoidUnnecessaryAddrSize, "avoid_default_addr_size").When("#address-cells"),
            Warning("unique_unit_address", "Two siblings have the same unit address", RegRangesChecks.UniqueUnitAddress(false), "avoid_default_addr_size").When("#address-cells"),
            Disabled("unique_unit_address_if_enabled", "Two enabled siblings have the same unit address", RegRangesChecks.UniqueUnitAddress(true), "avoid_default_addr_size").When("#address-cells"),
            Warning("obsolete_chosen_interrupt_controller", "/chosen has the obsolete interrupt-controller property", ChosenChecks.ObsoleteInterruptController).When(NodeFilter.Flags.Root),
            Warning("chosen_node_is_root", "A chosen node is not a child of the root", ChosenChecks.NodeIsRoot).When(NodeFilter.Flags.Chosen),
            Warning("chosen_node_bootargs", "/chosen bootargs is not a single string", ChosenChecks.Bootargs).When("bootargs"),
            Warning("chosen_node_stdout_path", "/chosen stdout-path is not a single string, or linux,stdout-path is used", ChosenChecks.StdoutPath).When("stdout-path", "linux,stdout-path"),
        };

        foreach (var (name, provider) in PhandleArgsChecks.Providers)
        {
            list.Add(Warning(name + "_property", "A " + provider.PropertyName + " property does not match its providers' " + provider.CellsName,
                PhandleArgsChecks.ProviderProperty(provider), name + "_is_cell", "phandle_references").When(provider.PropertyName));
            list.Add(Warning(name + "_is_cell", provider.CellsName + " is not a single cell", StringPropertyChecks.IsCell(provider.CellsName)).When(provider.CellsName));
        }

        list.Add(Disabled("deprecated_gpio_property", "A [*-]gpio property should be named [*-]gpios", PhandleArgsChecks.DeprecatedGpioProperty).When(NodeFilter.GpioLike));
        list.Add(Warning("gpios_property", "A [*-]gpios property does not match its providers' #gpio-cells", PhandleArgsChecks.GpiosProperty, "phandle_references").When(NodeFilter.GpioLike));
        list.Add(Warning("interrupts_property", "An interrupts property has no valid interrupt parent or a wrong size", InterruptChecks.InterruptsProperty).When("interrupts"));
        list.Add(Warning("interrupt_provider", "An interrupt provider lacks #interrupt-cells, or a non-provider has it", InterruptChecks.InterruptProvider, "interrupts_extended_is_cell").When("interrupt-controller", "interrupt-map", "#interrupt-cells"));
        list.Add(Warning("interrupt_map", "An interrupt-map or interrupt-map-mask is malformed", InterruptChecks.InterruptMap, "phandle_references", "addr_size_cells", "interrupt_provider").When("interrupt-map"));
        list.Add(Warning("alias_paths", "An alias does not name an existing node, or its name is not lowercase", AliasChecks.AliasPaths).When(NodeFilter.Flags.Aliases));
        list.Add(Warning("graph_nodes", "Marks OF graph ports; an endpoint directly under the root", GraphChecks.GraphNodes).When(NodeFilter.Flags.EndpointChild));
        // dtc 1.8.1 dropped graph_child_address (and rejects its name); Kbuild of Linux 6.x still passes
        // -Wno-graph_child_address, so the check stays here, off, to keep accepting that option: a deliberate
        // difference from dtc 1.8.1, which cannot build those kernels unpatched.
        list.Add(Disabled("graph_child_address", "A graph node with a single child has unnecessary #address-cells/#size-cells", GraphChecks.GraphChildAddress, "graph_nodes", "graph_port", "graph_endpoint"));
        list.Add(Warning("graph_port", "A graph port is misnamed or has a wrong reg", GraphChecks.GraphPort, "graph_nodes").When(NodeFilter.Flags.EndpointChild));
        list.Add(Warning("graph_endpoint", "A graph endpoint is misnamed, has a wrong reg, or its connection is not bidirectional", GraphChecks.GraphEndpoint, "graph_nodes").Only(NodeFilter.Flags.ParentEndpointChild));
        list.Add(Disabled("always_fail", "Fails on every node (for testing)", StructureChecks.AlwaysFail));
        return list;
    }
}
