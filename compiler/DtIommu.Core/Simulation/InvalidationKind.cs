namespace DtIommu.Simulation;

/// <summary>One invalidation a simulator supports: its hardware name and what it covers.</summary>
/// <param name="Name">Name used in traces, e.g. <c>iotlb-page</c> or <c>tlbi-va</c>.</param>
/// <param name="Scope">What it covers.</param>
/// <param name="Description">Hardware command, e.g. <c>IOTLB page-selective-within-domain (PSI)</c>.</param>
public sealed record InvalidationKind(string Name, InvalidationScope Scope, string Description);
