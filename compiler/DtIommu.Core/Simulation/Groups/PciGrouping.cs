namespace DtIommu.Simulation.Groups;

/// <summary>Linux's <c>pci_device_group</c>: which existing group a newly probed function must join, if any.</summary>
public static class PciGrouping
{
    /// <summary>pci_acs_enabled: whether the function isolates what is below or beside it.</summary>
    public static bool AcsEnabled(PciFunction f)
    {
        if (!f.IsPcie) return false;
        switch (f.Kind)
        {
            case PciDeviceKind.PcieToPciBridge:
            case PciDeviceKind.PciToPcieBridge:
                return false;
            case PciDeviceKind.RootPort:
            case PciDeviceKind.DownstreamPort:
                return f.Acs;
            case PciDeviceKind.Endpoint:
            case PciDeviceKind.UpstreamPort:
            case PciDeviceKind.RootComplexEndpoint:
                // Single-function devices cannot do peer-to-peer with a sibling function, so they count as isolated.
                return !f.MultiFunction || f.Acs;
            default:
                return true;
        }
    }

    /// <summary>pci_acs_path_enabled(start, NULL): ACS on the function and every bridge up to the root bus.</summary>
    public static bool AcsPathEnabled(PciTopology topology, PciFunction start)
    {
        for (PciFunction? f = start; f != null; f = topology.ParentOf(f))
            if (!AcsEnabled(f)) return false;
        return true;
    }

    /// <summary>The group <paramref name="function"/> must share, or null when it gets a new one.</summary>
    public static int? FindGroup(PciTopology topology, PciFunction function)
    {
        // 1. Any alias owner (the function, then the bridges that alias it) already in a group decides.
        PciFunction top = function;
        foreach (var alias in RequesterIdAliaser.Aliases(topology, function))
        {
            top = alias.Owner;
            if (alias.Owner != function && topology.GroupOf(alias.Owner) is int g) return g;
        }
        // 2. Upstream to the first bridge with an ACS path to the root; every bridge passed shares the group.
        for (var bridge = topology.ParentOf(top); bridge != null; bridge = topology.ParentOf(bridge))
        {
            if (AcsPathEnabled(topology, bridge)) break;
            top = bridge;
            if (topology.GroupOf(bridge) is int g) return g;
        }
        // 3. Functions of one multi-function slot without ACS can reach each other.
        if (top.MultiFunction && !AcsEnabled(top))
        {
            foreach (var sibling in topology.Functions)
            {
                if (sibling == top || sibling.Address.Bus != top.Address.Bus || sibling.Address.Device != top.Address.Device || AcsEnabled(sibling)) continue;
                if (topology.GroupOf(sibling) is int g) return g;
            }
        }
        return null;
    }
}
