namespace DtIommu.Simulation.Groups;

/// <summary>One PCI function of the simulated topology.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Address">bus:device.function.</param>
/// <param name="Kind">Device/port type.</param>
/// <param name="Acs">Has ACS with source validation, request and completion redirect and upstream forwarding enabled.</param>
/// <param name="MultiFunction">The device has several functions (its endpoints then need ACS to be isolated).</param>
/// <param name="SecondaryBus">Bridges: the bus right below.</param>
/// <param name="SubordinateBus">Bridges: the highest bus below (defaults to the secondary bus).</param>
public sealed record PciFunction(string Name, PciAddress Address, PciDeviceKind Kind, bool Acs = false, bool MultiFunction = false, byte? SecondaryBus = null, byte? SubordinateBus = null)
{
    /// <summary>True for ports and bridges, which have a bus below them.</summary>
    public bool IsBridge => Kind is PciDeviceKind.RootPort or PciDeviceKind.UpstreamPort or PciDeviceKind.DownstreamPort
        or PciDeviceKind.PcieToPciBridge or PciDeviceKind.PciToPcieBridge or PciDeviceKind.ConventionalBridge;

    /// <summary>True for PCIe functions (conventional PCI has no PCIe capability).</summary>
    public bool IsPcie => Kind is not (PciDeviceKind.ConventionalDevice or PciDeviceKind.ConventionalBridge);

    /// <summary>Highest bus below a bridge.</summary>
    public byte Subordinate => SubordinateBus ?? SecondaryBus ?? 0;
}
