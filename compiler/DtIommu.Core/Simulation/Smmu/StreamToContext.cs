namespace DtIommu.Simulation.Smmu;

/// <summary>One SMMUv2 S2CR: what a matched stream does, and through which context bank.</summary>
/// <param name="Type">Fault, bypass or translate.</param>
/// <param name="ContextBank">Context bank index when translating.</param>
public readonly record struct StreamToContext(S2crType Type, int ContextBank);
