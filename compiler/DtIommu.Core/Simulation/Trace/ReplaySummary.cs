namespace DtIommu.Simulation.Trace;

/// <summary>Totals of a replay.</summary>
/// <param name="Steps">Steps replayed.</param>
/// <param name="Accesses">Access steps.</param>
/// <param name="Allowed">Accesses that reached memory.</param>
/// <param name="Faulted">Accesses that faulted.</param>
/// <param name="Stale">Accesses whose result came from a stale cache entry.</param>
/// <param name="Invalidations">Invalidation commands, explicit and driver-issued.</param>
/// <param name="Redundant">Explicit invalidations that repeated work.</param>
/// <param name="Refused">Operations the hardware refused.</param>
/// <param name="Bugs">Use-after-free findings.</param>
/// <param name="Errors">Steps that could not run.</param>
public sealed record ReplaySummary(int Steps, int Accesses, int Allowed, int Faulted, int Stale, int Invalidations, int Redundant, int Refused, int Bugs, int Errors)
{
    /// <summary>Stable one-line rendering.</summary>
    public string Render() =>
        $"summary: {Steps} steps, {Accesses} accesses ({Allowed} allowed, {Faulted} faulted), {Stale} stale, " +
        $"{Invalidations} invalidations ({Redundant} redundant), {Refused} refused, {Bugs} bugs, {Errors} errors";
}
