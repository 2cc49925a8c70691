namespace DtIommu.Simulation.Tce;

/// <summary>Why a pSeries PHB rejected a DMA (on real hardware the PE is then frozen by EEH).</summary>
public enum TceFaultKind
{
    /// <summary>The DMA address is in no window of the device's PE.</summary>
    OutsideWindow = 1,
    /// <summary>The TCE's read bit is clear.</summary>
    ReadNotSet = 2,
    /// <summary>The TCE's write bit is clear.</summary>
    WriteNotSet = 3,
    /// <summary>The device belongs to no PE with a DMA window.</summary>
    NoPe = 4,
}

/// <summary>Stable text for TCE faults.</summary>
public static class TceFaultText
{
    /// <summary>Text of a TCE fault.</summary>
    public static string Text(TceFaultKind kind) => kind switch
    {
        TceFaultKind.OutsideWindow => "DMA address outside every window of the PE (EEH freeze)",
        TceFaultKind.ReadNotSet => "read bit clear in TCE (EEH freeze)",
        TceFaultKind.WriteNotSet => "write bit clear in TCE (EEH freeze)",
        TceFaultKind.NoPe => "device is in no PE with a DMA window",
        _ => "unknown fault",
    };

    /// <summary>A TCE fault as a <see cref="FaultCode"/>.</summary>
    public static FaultCode Code(TceFaultKind kind) => new(FaultFamily.Tce, (int)kind);
}
