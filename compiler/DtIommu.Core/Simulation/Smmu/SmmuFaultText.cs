namespace DtIommu.Simulation.Smmu;

/// <summary>Stable text for SMMU fault kinds.</summary>
public static class SmmuFaultText
{
    /// <summary>Text of an SMMUv2 fault.</summary>
    public static string Text(SmmuV2FaultKind kind) => kind switch
    {
        SmmuV2FaultKind.UnidentifiedStream => "GFSR.USF: unidentified stream (no SMR matches)",
        SmmuV2FaultKind.S2crFault => "S2CR type fault: stream not attached to a context bank",
        SmmuV2FaultKind.Translation => "FSR.TF: translation fault",
        SmmuV2FaultKind.Permission => "FSR.PF: permission fault",
        SmmuV2FaultKind.AddressSize => "FSR.ASF: address size fault",
        _ => "unknown fault",
    };

    /// <summary>Text of an SMMUv3 event.</summary>
    public static string Text(SmmuV3EventKind kind) => kind switch
    {
        SmmuV3EventKind.BadStreamId => "C_BAD_STREAMID",
        SmmuV3EventKind.BadSte => "C_BAD_STE",
        SmmuV3EventKind.Translation => "F_TRANSLATION",
        SmmuV3EventKind.AddressSize => "F_ADDR_SIZE",
        SmmuV3EventKind.Permission => "F_PERMISSION",
        SmmuV3EventKind.SteAbort => "STE abort",
        _ => "unknown event",
    };

    /// <summary>An SMMUv2 fault as a <see cref="FaultCode"/>.</summary>
    public static FaultCode Code(SmmuV2FaultKind kind) => new(FaultFamily.SmmuV2, (int)kind);

    /// <summary>An SMMUv3 event as a <see cref="FaultCode"/>.</summary>
    public static FaultCode Code(SmmuV3EventKind kind) => new(FaultFamily.SmmuV3, (int)kind);
}
