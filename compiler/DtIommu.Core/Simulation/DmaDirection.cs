namespace DtIommu.Simulation;

/// <summary>Direction of one DMA transaction, seen from memory.</summary>
public enum DmaDirection : byte
{
    /// <summary>The device reads memory.</summary>
    Read = 1,
    /// <summary>The device writes memory.</summary>
    Write = 2,
}
