namespace DtIommu.Simulation.Smmu;

/// <summary>SMMU v1/v2 faults: global faults (GFSR) for stream mapping, context-bank faults (FSR) for translation.</summary>
public enum SmmuV2FaultKind
{
    /// <summary>GFSR.USF: no SMR matched the stream ID and unidentified streams fault (sCR0.USFCFG).</summary>
    UnidentifiedStream = 1,
    /// <summary>The stream's S2CR has type "fault".</summary>
    S2crFault = 2,
    /// <summary>FSR.TF: translation fault in the context bank.</summary>
    Translation = 3,
    /// <summary>FSR.PF: permission fault in the context bank.</summary>
    Permission = 4,
    /// <summary>FSR.ASF: input address beyond the context bank's input size.</summary>
    AddressSize = 5,
}
