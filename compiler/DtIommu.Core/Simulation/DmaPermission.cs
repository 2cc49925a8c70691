using System;

namespace DtIommu.Simulation;

/// <summary>Access rights a mapping grants; the bit values match VT-d PTE R/W and pSeries TCE read/write bits.</summary>
[Flags]
public enum DmaPermission : byte
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>The device may read memory (DMA to the device).</summary>
    Read = 1,
    /// <summary>The device may write memory (DMA from the device).</summary>
    Write = 2,
    /// <summary>Both.</summary>
    ReadWrite = Read | Write,
}
