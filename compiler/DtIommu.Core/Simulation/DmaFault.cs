namespace DtIommu.Simulation;

/// <summary>One entry of an IOMMU's fault log, as the hardware would record it.</summary>
/// <param name="Iommu">Simulator instance name.</param>
/// <param name="SourceId">Requester / stream ID on the wire.</param>
/// <param name="Iova">Faulting I/O virtual address.</param>
/// <param name="Direction">Read or write.</param>
/// <param name="Fault">Hardware reason.</param>
/// <param name="Stale">The fault came from a stale cached entry.</param>
public sealed record DmaFault(string Iommu, uint SourceId, ulong Iova, DmaDirection Direction, FaultCode Fault, bool Stale)
{
    /// <summary>Stable one-line rendering used by the replay report.</summary>
    public string Render() =>
        $"{Iommu}: source 0x{SourceId:x4} {(Direction == DmaDirection.Read ? "read" : "write")} 0x{Iova:x}: {Fault.Describe()}{(Stale ? " (stale cached entry)" : "")}";
}
