namespace DtIommu.Simulation;

/// <summary>An invalidation command; fields a scope does not use are ignored.</summary>
/// <param name="Scope">Granularity.</param>
/// <param name="Domain">Domain for domain, page and domain-config scopes.</param>
/// <param name="SourceId">Device for the device-config scope.</param>
/// <param name="Iova">Start of the range for the page scope.</param>
/// <param name="Size">Length of the range for the page scope.</param>
public readonly record struct InvalidationRequest(InvalidationScope Scope, uint Domain = 0, uint SourceId = 0, ulong Iova = 0, ulong Size = 0);
