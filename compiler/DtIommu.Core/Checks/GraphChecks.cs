using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>The OF graph (ports, port, endpoint, remote-endpoint).</summary>
internal static class GraphChecks
{
    public const string PortBus = "graph-port";
    public const string PortsBus = "graph-ports";

    public static void GraphNodes(CheckRun run, Node node)
    {
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child.IsDeleted) continue;
            if (!Dtc.BaseNameIs(child, "endpoint") && child.GetProperty("remote-endpoint") == null) continue;
            if (node.Parent == null)
            {
                run.Fail(node, "root node contains endpoint node '" + child.Name + "', potentially misplaced remote-endpoint property");
                continue;
            }
            node.BusType = PortBus;
            // A port's parent is either a "ports" node or, with a reg'd port, the device itself.
            if (node.Parent.BusType == null && (node.Parent.Name == "ports" || node.GetProperty("reg") != null))
                node.Parent.BusType = PortsBus;
            break;
        }
    }

    private static void CheckGraphReg(CheckRun run, Node node)
    {
        var prop = node.GetProperty("reg");
        if (prop == null) return;
        if (prop.Value.Length != 4)
        {
            run.Fail(node, "graph node malformed 'reg' property");
            return;
        }
        var reg = prop.Value.GetCell(0);
        if (!Dtc.UnitAddressIsHex(node, reg))
            run.Fail(node, "graph node unit address error, expected \"" + Dtc.Hex(reg) + "\"");
        var parent = node.Parent!;
        if (parent.AddressCells != 1)
            run.FailProperty(node, node.GetProperty("#address-cells"), "graph node '#address-cells' is " + Dtc.Dec(parent.AddressCells) + ", must be 1");
        if (parent.SizeCells != 0)
            run.FailProperty(node, node.GetProperty("#size-cells"), "graph node '#size-cells' is " + Dtc.Dec(parent.SizeCells) + ", must be 0");
    }

    public static void GraphPort(CheckRun run, Node node)
    {
        if (node.BusType != PortBus) return;
        CheckGraphReg(run, node);
        // dtc 1.8.1 skips the naming rule for overlays, whose fragments hold ports under other names.
        if (run.Context.IsPlugin) return;
        if (!Dtc.BaseNameIs(node, "port")) run.Fail(node, "graph port node name should be 'port'");
    }

    private static Node? RemoteEndpoint(CheckRun run, Node endpoint)
    {
        var prop = endpoint.GetProperty("remote-endpoint");
        if (prop == null) return null;
        var cell = Dtc.SingleCell(prop);
        if (cell == null)
        {
            // dtc asserts (and aborts) on a remote-endpoint that is not one cell.
            run.FailProperty(endpoint, prop, "graph phandle is not a single cell (" + Dtc.Dec(prop.Value.Length) + " bytes)");
            return null;
        }
        // An overlay may connect to an endpoint outside itself.
        if (!Dtc.IsValidPhandle(cell.Value)) return null;
        var node = run.Context.Phandles.Find(cell.Value);
        if (node == null) run.FailProperty(endpoint, prop, "graph phandle is not valid");
        return node;
    }

    public static void GraphEndpoint(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != PortBus) return;
        CheckGraphReg(run, node);
        // As dtc 1.8.1: an overlay's endpoints may be named otherwise and connect outside it.
        if (run.Context.IsPlugin) return;
        if (!Dtc.BaseNameIs(node, "endpoint")) run.Fail(node, "graph endpoint node name should be 'endpoint'");
        var remote = RemoteEndpoint(run, node);
        if (remote == null) return;
        if (RemoteEndpoint(run, remote) != node)
            run.Fail(node, "graph connection to node '" + Dtc.Path(remote) + "' is not bidirectional");
    }

    public static void GraphChildAddress(CheckRun run, Node node)
    {
        if (node.BusType != PortsBus && node.BusType != PortBus) return;
        var count = 0;
        foreach (var child in node.LiveChildren)
        {
            var reg = child.GetProperty("reg");
            if (reg != null)
            {
                var cell = Dtc.SingleCell(reg);
                if (cell == null)
                {
                    // dtc asserts (and aborts) here; graph_port and graph_endpoint only see ports and endpoints.
                    run.FailProperty(child, reg, "graph node malformed 'reg' property");
                    return;
                }
                // Any non-zero unit address justifies #address-cells.
                if (cell.Value != 0) return;
            }
            count++;
        }
        if (count == 1 && node.AddressCells != -1)
            run.Fail(node, "graph node has single child node '" + node.Children[0].Name + "', #address-cells/#size-cells are not necessary");
    }
}
