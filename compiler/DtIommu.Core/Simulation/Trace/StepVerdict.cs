namespace DtIommu.Simulation.Trace;

/// <summary>How one replayed step ended.</summary>
public enum StepVerdict
{
    /// <summary>The operation was done.</summary>
    Ok,
    /// <summary>The hardware or driver refused the operation.</summary>
    Refused,
    /// <summary>The access reached memory.</summary>
    Allowed,
    /// <summary>The access faulted.</summary>
    Faulted,
    /// <summary>The operation worked but exposed a DMA bug (memory freed while mapped, DMA into freed memory).</summary>
    Bug,
    /// <summary>The step could not run (unknown name, statement for another IOMMU kind).</summary>
    Error,
}
