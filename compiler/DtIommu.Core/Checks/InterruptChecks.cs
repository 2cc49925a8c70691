using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary><c>interrupts</c>, interrupt providers and <c>interrupt-map</c>.</summary>
internal static class InterruptChecks
{
    public static void InterruptsProperty(CheckRun run, Node node)
    {
        var irqProp = node.GetProperty("interrupts");
        if (irqProp == null) return;
        var len = irqProp.Value.Length;
        if (len % 4 != 0)
            run.FailProperty(node, irqProp, "size (" + Dtc.Dec(len) + ") is invalid, expected multiple of 4");

        Node? irqNode = null;
        Property? prop = null;
        for (var parent = node; parent != null && prop == null; parent = parent.Parent)
        {
            if (parent != node && Dtc.IsInterruptProvider(parent))
            {
                irqNode = parent;
                break;
            }
            prop = parent.GetProperty("interrupt-parent");
            if (prop == null) continue;
            var cell = Dtc.SingleCell(prop);
            if (cell == null)
            {
                // dtc asserts (and aborts) on an interrupt-parent that is not one cell.
                run.FailProperty(parent, prop, "interrupt-parent size (" + Dtc.Dec(prop.Value.Length) + ") is invalid, expected a single phandle cell");
                return;
            }
            var phandle = cell.Value;
            if (!Dtc.IsValidPhandle(phandle))
            {
                // An overlay may point at a controller outside itself.
                if (run.Context.IsPlugin) return;
                run.FailProperty(parent, prop, "Invalid phandle");
                break;
            }
            irqNode = run.Context.Phandles.Find(phandle);
            if (irqNode == null)
            {
                run.FailProperty(parent, prop, "Bad phandle");
                return;
            }
            if (!Dtc.IsInterruptProvider(irqNode))
                run.Fail(irqNode, "Missing interrupt-controller or interrupt-map property");
            break;
        }

        if (irqNode == null)
        {
            run.Fail(node, "Missing interrupt-parent");
            return;
        }
        // A provider without #interrupt-cells is reported by interrupt_provider.
        var cellsProp = irqNode.GetProperty("#interrupt-cells");
        if (cellsProp == null) return;
        var irqCells = Dtc.SingleCell(cellsProp);
        if (irqCells == null)
        {
            // dtc asserts here too; interrupts_extended_is_cell has reported the property itself.
            run.FailProperty(node, cellsProp, "#interrupt-cells size (" + Dtc.Dec(cellsProp.Value.Length) + ") is invalid, expected a single cell");
            return;
        }
        var entry = unchecked(irqCells.Value * 4u);
        var ok = entry == 0 ? len == 0 : (uint)len % entry == 0;
        if (!ok)
            run.FailProperty(node, cellsProp, "size is (" + Dtc.Dec(len) + "), expected multiple of " + Dtc.Dec(unchecked((int)entry)));
    }

    public static void InterruptProvider(CheckRun run, Node node)
    {
        var isProvider = Dtc.IsInterruptProvider(node);
        var prop = node.GetProperty("#interrupt-cells");
        if (isProvider && prop == null)
        {
            run.Fail(node, "Missing '#interrupt-cells' in interrupt provider");
            return;
        }
        if (!isProvider && prop != null)
            run.Fail(node, "'#interrupt-cells' found, but node is not an interrupt provider");
    }

    public static void InterruptMap(CheckRun run, Node node)
    {
        var mapProp = node.GetProperty("interrupt-map");
        if (mapProp == null) return;
        if (node.AddressCells < 0)
        {
            run.Fail(node, "Missing '#address-cells' in interrupt-map provider");
            return;
        }
        // interrupt_provider (a prerequisite) guarantees a well-formed #interrupt-cells here.
        var cellSize = (long)Dtc.AddrCells(node) + (Dtc.SingleCell(node.GetProperty("#interrupt-cells")) ?? 0);

        var mask = node.GetProperty("interrupt-map-mask");
        if (mask != null && mask.Value.Length != cellSize * 4)
            run.FailProperty(node, mask, "property size (" + Dtc.Dec(mask.Value.Length) + ") is invalid, expected " + Dtc.Dec(cellSize * 4));

        var len = mapProp.Value.Length;
        if (len % 4 != 0)
        {
            run.FailProperty(node, mapProp, "property size (" + Dtc.Dec(len) + ") is invalid, expected multiple of 4");
            return;
        }
        long mapCells = len / 4;
        for (long cell = 0; cell < mapCells;)
        {
            if (cell + cellSize >= mapCells)
            {
                run.FailProperty(node, mapProp, "property size (" + Dtc.Dec(len) + ") too small, expected > " + Dtc.Dec((cell + cellSize) * 4));
                break;
            }
            cell += cellSize;
            var phandle = mapProp.Value.GetCell((int)cell * 4);
            if (!Dtc.IsValidPhandle(phandle))
            {
                // An overlay may point at a controller outside itself.
                if (!run.Context.IsPlugin)
                    run.FailProperty(node, mapProp, "Cell " + Dtc.Dec(cell) + " is not a phandle(" + Dtc.Dec(unchecked((int)phandle)) + ")");
                break;
            }
            var provider = run.Context.Phandles.Find(phandle);
            if (provider == null)
            {
                run.FailProperty(node, mapProp, "Could not get phandle(" + Dtc.Dec(unchecked((int)phandle)) + ") node for (cell " + Dtc.Dec(cell) + ")");
                break;
            }
            var irqCells = provider.GetProperty("#interrupt-cells");
            if (irqCells == null)
            {
                run.Fail(node, "Missing property '#interrupt-cells' in node " + Dtc.Path(provider) +
                    " or bad phandle (referred from interrupt-map[" + Dtc.Dec(cell) + "])");
                break;
            }
            long parentCellSize = Dtc.SingleCell(irqCells) ?? 0;
            var addrCells = provider.GetProperty("#address-cells");
            if (addrCells != null)
                parentCellSize += Dtc.SingleCell(addrCells) ?? 0;
            else
                run.FailProperty(node, mapProp, "Missing property '#address-cells' in node " + Dtc.Path(provider) + ", using 0 as fallback");
            cell += 1 + parentCellSize;
        }
    }
}
