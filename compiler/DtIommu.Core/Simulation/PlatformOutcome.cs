namespace DtIommu.Simulation;

/// <summary>Result of a platform-level operation: status and a stable human-readable detail.</summary>
/// <param name="Status">Ok or the refusal reason.</param>
/// <param name="Detail">What happened (group, domain, conflicting entry, ...).</param>
public sealed record PlatformOutcome(SimStatus Status, string Detail)
{
    /// <summary>True when it worked.</summary>
    public bool IsOk => Status == SimStatus.Ok;
}
