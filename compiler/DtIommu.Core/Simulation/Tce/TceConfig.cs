using System.Collections.Generic;

namespace DtIommu.Simulation.Tce;

/// <summary>A pSeries hypervisor's TCE service: the default windows of its PEs (more can be added later).</summary>
/// <param name="Windows">Default windows, one per PE.</param>
public sealed record TceConfig(IReadOnlyList<TceWindowConfig>? Windows = null) : IommuConfig
{
    /// <inheritdoc/>
    public override string Kind => "tce";

    /// <inheritdoc/>
    public override string? Validate()
    {
        foreach (var w in Windows ?? []) if (w.Validate() is string e) return $"window 0x{w.Liobn:x}: {e}";
        return null;
    }

    /// <inheritdoc/>
    public override IIommuSimulator CreateSimulator(string name)
    {
        var sim = new TceSimulator(name);
        foreach (var w in Windows ?? []) sim.AddWindow(w);
        return sim;
    }
}
