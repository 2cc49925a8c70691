namespace DtIommu.Simulation;

/// <summary>What an invalidation did.</summary>
/// <param name="Status">Refusal reason, or Ok.</param>
/// <param name="Effective">Scope actually used (VT-d widens a page-selective flush it cannot express to the domain).</param>
/// <param name="EntriesDropped">Cached entries removed.</param>
/// <param name="Redundant">No change in its scope was waiting for an invalidation: the command repeated work.</param>
public readonly record struct InvalidationResult(SimStatus Status, InvalidationScope Effective, int EntriesDropped, bool Redundant);
