namespace DtIommu.Simulation.Probe;

/// <summary>Boot configuration the probe runs with.</summary>
/// <param name="IdentityDefaultDomains">iommu.passthrough=1 (CONFIG_IOMMU_DEFAULT_PASSTHROUGH): default domains are identity.</param>
/// <param name="SamplesPerRange">Extra evenly spaced addresses probed inside each RAM range, besides its ends and dma-ranges boundaries.</param>
/// <param name="DmaMaskBits">The device's DMA mask: of_dma_configure leaves DMA_BIT_MASK(32) until a driver widens it.</param>
public sealed record ProbeOptions(bool IdentityDefaultDomains = false, int SamplesPerRange = 2, int DmaMaskBits = 32);
