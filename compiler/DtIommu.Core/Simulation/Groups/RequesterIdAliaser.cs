using System.Collections.Generic;

namespace DtIommu.Simulation.Groups;

/// <summary>One DMA alias: a requester ID and the function that produces it.</summary>
/// <param name="RequesterId">The 16-bit requester ID.</param>
/// <param name="Owner">The function itself or the bridge that introduces the alias.</param>
public readonly record struct DmaAlias(ushort RequesterId, PciFunction Owner);

/// <summary>The requester IDs an IOMMU may see for a function: Linux's <c>pci_for_each_dma_alias</c> walk.</summary>
public static class RequesterIdAliaser
{
    /// <summary>The function's own ID first, then one alias per bridge on the way up that takes ownership of its requests.</summary>
    public static IReadOnlyList<DmaAlias> Aliases(PciTopology topology, PciFunction function)
    {
        var result = new List<DmaAlias> { new(function.Address.RequesterId, function) };
        for (var bridge = topology.ParentOf(function); bridge != null; bridge = topology.ParentOf(bridge))
        {
            switch (bridge.Kind)
            {
                case PciDeviceKind.RootPort:
                case PciDeviceKind.UpstreamPort:
                case PciDeviceKind.DownstreamPort:
                    break;
                case PciDeviceKind.PcieToPciBridge:
                    // The bridge re-issues downstream requests as (secondary bus, 00.0): PCIe-to-PCI bridge spec 2.3.
                    result.Add(new DmaAlias((ushort)(bridge.SecondaryBus!.Value << 8), bridge));
                    break;
                default:
                    result.Add(new DmaAlias(bridge.Address.RequesterId, bridge));
                    break;
            }
        }
        return result;
    }

    /// <summary>The requester ID that reaches the IOMMU: the alias of the topmost bridge that took ownership, or the function's own.</summary>
    public static ushort WireRequesterId(PciTopology topology, PciFunction function)
    {
        var aliases = Aliases(topology, function);
        return aliases[aliases.Count - 1].RequesterId;
    }
}
