namespace DtIommu.Simulation;

/// <summary>Parameters of one simulated IOMMU; each hardware has its own record that knows how to build its simulator.</summary>
public abstract record IommuConfig
{
    /// <summary>Kind keyword used in traces.</summary>
    public abstract string Kind { get; }

    /// <summary>Why the parameters describe no real hardware, or null when they are fine.</summary>
    public abstract string? Validate();

    /// <summary>Builds a simulator; call <see cref="Validate"/> first.</summary>
    public abstract IIommuSimulator CreateSimulator(string name);
}
