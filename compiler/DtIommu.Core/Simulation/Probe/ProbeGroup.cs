using System.Collections.Generic;

namespace DtIommu.Simulation.Probe;

/// <summary>An IOMMU group as the simulators formed it at boot.</summary>
/// <param name="Id">Group number in creation order.</param>
/// <param name="Iommu">The IOMMU node path.</param>
/// <param name="Members">Master node paths.</param>
/// <param name="DefaultDomain">Default domain ID.</param>
/// <param name="DomainType"><c>dma</c> or <c>identity</c>.</param>
public sealed record ProbeGroup(int Id, string Iommu, IReadOnlyList<string> Members, uint DefaultDomain, string DomainType);
