namespace DtIommu.Simulation.Groups;

/// <summary>PCIe device/port type (PCI_EXP_TYPE_*) or conventional PCI, as far as DMA aliasing and ACS care.</summary>
public enum PciDeviceKind
{
    /// <summary>PCIe endpoint.</summary>
    Endpoint,
    /// <summary>Root-complex integrated endpoint.</summary>
    RootComplexEndpoint,
    /// <summary>PCIe root port.</summary>
    RootPort,
    /// <summary>Switch upstream port.</summary>
    UpstreamPort,
    /// <summary>Switch downstream port.</summary>
    DownstreamPort,
    /// <summary>PCIe-to-PCI/PCI-X bridge: takes ownership of downstream requests with (secondary bus, 00.0).</summary>
    PcieToPciBridge,
    /// <summary>PCI/PCI-X-to-PCIe bridge: forwards with its own requester ID.</summary>
    PciToPcieBridge,
    /// <summary>Conventional PCI device.</summary>
    ConventionalDevice,
    /// <summary>Conventional PCI-to-PCI bridge.</summary>
    ConventionalBridge,
}
