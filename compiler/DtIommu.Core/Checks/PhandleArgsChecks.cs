using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>A property made of phandle + argument groups and the provider property giving the argument count.</summary>
/// <param name="PropertyName">The consumer property, such as <c>iommus</c>.</param>
/// <param name="CellsName">The provider's count property, such as <c>#iommu-cells</c>.</param>
/// <param name="Optional">True when a provider without the count property takes no arguments.</param>
internal sealed record Provider(string PropertyName, string CellsName, bool Optional = false);

/// <summary>The phandle-with-arguments checks (<c>clocks</c>, <c>iommus</c>, <c>*-gpios</c>, ...).</summary>
internal static class PhandleArgsChecks
{
    /// <summary>The 16 provider pairs in dtc's table order; each gives an <c>X_property</c> and an <c>X_is_cell</c> check.</summary>
    public static readonly (string Check, Provider Provider)[] Providers =
    [
        ("clocks", new Provider("clocks", "#clock-cells")),
        ("cooling_device", new Provider("cooling-device", "#cooling-cells")),
        ("dmas", new Provider("dmas", "#dma-cells")),
        ("hwlocks", new Provider("hwlocks", "#hwlock-cells")),
        ("interrupts_extended", new Provider("interrupts-extended", "#interrupt-cells")),
        ("io_channels", new Provider("io-channels", "#io-channel-cells")),
        ("iommus", new Provider("iommus", "#iommu-cells")),
        ("mboxes", new Provider("mboxes", "#mbox-cells")),
        ("msi_parent", new Provider("msi-parent", "#msi-cells", true)),
        ("mux_controls", new Provider("mux-controls", "#mux-control-cells")),
        ("phys", new Provider("phys", "#phy-cells")),
        ("power_domains", new Provider("power-domains", "#power-domain-cells")),
        ("pwms", new Provider("pwms", "#pwm-cells")),
        ("resets", new Provider("resets", "#reset-cells")),
        ("sound_dai", new Provider("sound-dai", "#sound-dai-cells")),
        ("thermal_sensors", new Provider("thermal-sensors", "#thermal-sensor-cells")),
    ];

    /// <summary>The body of <c>X_property</c> for one provider pair.</summary>
    public static CheckBody ProviderProperty(Provider provider) => (run, node) =>
    {
        var prop = node.GetProperty(provider.PropertyName);
        if (prop != null) CheckPhandleArgs(run, node, prop, provider);
    };

    private static bool HasPhandleMarkerAt(PropertyValue value, int offset)
    {
        foreach (var m in value.Markers)
            if (m.Kind == MarkerKind.RefPhandle && m.Offset == offset) return true;
        return false;
    }

    /// <summary>dtc's <c>check_property_phandle_args</c>.</summary>
    internal static void CheckPhandleArgs(CheckRun run, Node node, Property prop, Provider provider)
    {
        var value = prop.Value;
        var len = (uint)value.Length;
        if (len % 4 != 0)
        {
            run.FailProperty(node, prop, "property size (" + Dtc.Dec(len) + ") is invalid, expected multiple of 4");
            return;
        }
        uint cellSize = 0;
        for (uint cell = 0; cell < len / 4; cell += cellSize + 1)
        {
            var phandle = value.GetCell((int)cell * 4);
            // Some bindings use 0 or -1 to leave an optional slot empty.
            if (!Dtc.IsValidPhandle(phandle))
            {
                if (run.Context.IsPlugin) break;
                cellSize = 0;
                continue;
            }
            if (value.Markers.Length > 0 && !HasPhandleMarkerAt(value, (int)cell * 4))
                run.FailProperty(node, prop, "cell " + Dtc.Dec(cell) + " is not a phandle reference");
            var providerNode = run.Context.Phandles.Find(phandle);
            if (providerNode == null)
            {
                run.FailProperty(node, prop, "Could not get phandle node for (cell " + Dtc.Dec(cell) + ")");
                break;
            }
            var cellsProp = providerNode.GetProperty(provider.CellsName);
            if (cellsProp != null)
            {
                // X_is_cell, a prerequisite, has already rejected malformed count properties anywhere in the tree.
                cellSize = Dtc.SingleCell(cellsProp) ?? 0;
            }
            else if (provider.Optional)
            {
                cellSize = 0;
            }
            else
            {
                run.Fail(node, "Missing property '" + provider.CellsName + "' in node " + Dtc.Path(providerNode) +
                    " or bad phandle (referred from " + prop.Name + "[" + Dtc.Dec(cell) + "])");
                break;
            }
            // Unsigned 32-bit arithmetic as in dtc, so a huge count wraps and is caught by the first test.
            var expected = unchecked((cell + cellSize + 1) * 4);
            if (expected <= cell || len < expected)
            {
                run.FailProperty(node, prop, "property size (" + Dtc.Dec(len) + ") too small for cell size " + Dtc.Dec(cellSize));
                break;
            }
        }
    }

    private static bool IsGpio(Property prop)
    {
        var name = prop.Name;
        if (name.Length < 4) return false;
        var last = name[name.Length - 1];
        if (last != 's' && last != 'o') return false;
        // "*,nr-gpios" counts GPIOs instead of referencing them.
        if (Dtc.EndsWith(name, ",nr-gpios")) return false;
        return Dtc.EndsWith(name, "-gpios") || name == "gpios" || Dtc.EndsWith(name, "-gpio") || name == "gpio";
    }

    public static void GpiosProperty(CheckRun run, Node node)
    {
        // GPIO hogs have a "gpios" property that is not a phandle list.
        if (node.GetProperty("gpio-hog") != null) return;
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
            if (!props[i].IsDeleted && IsGpio(props[i])) CheckPhandleArgs(run, node, props[i], new Provider(props[i].Name, "#gpio-cells"));
    }

    public static void DeprecatedGpioProperty(CheckRun run, Node node)
    {
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
            if (!props[i].IsDeleted && IsGpio(props[i]) && Dtc.EndsWith(props[i].Name, "gpio"))
                run.FailProperty(node, props[i], "'[*-]gpio' is deprecated, use '[*-]gpios' instead");
    }
}
