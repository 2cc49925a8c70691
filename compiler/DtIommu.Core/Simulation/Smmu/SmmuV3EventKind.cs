namespace DtIommu.Simulation.Smmu;

/// <summary>SMMUv3 event record types, numbered as in the event queue.</summary>
public enum SmmuV3EventKind
{
    /// <summary>C_BAD_STREAMID: stream ID beyond the stream table.</summary>
    BadStreamId = 0x02,
    /// <summary>C_BAD_STE: the stream table entry is not valid.</summary>
    BadSte = 0x04,
    /// <summary>F_TRANSLATION: no valid descriptor for the address.</summary>
    Translation = 0x10,
    /// <summary>F_ADDR_SIZE: address beyond the input range.</summary>
    AddressSize = 0x11,
    /// <summary>F_PERMISSION: the descriptor forbids the access.</summary>
    Permission = 0x13,
    /// <summary>STE.Config = abort: the transaction is terminated (no event in hardware; recorded for the report).</summary>
    SteAbort = 0xF0,
}
