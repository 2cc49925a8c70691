namespace DtIommu.Simulation.Vtd;

/// <summary>VT-d DMA-remapping fault reasons, numbered as the hardware reports them (Linux <c>dma_remap_fault_reasons[]</c>).</summary>
public enum VtdFaultReason
{
    /// <summary>Present bit in root entry is clear.</summary>
    RootEntryNotPresent = 1,
    /// <summary>Present bit in context entry is clear.</summary>
    ContextEntryNotPresent = 2,
    /// <summary>Invalid context entry.</summary>
    InvalidContextEntry = 3,
    /// <summary>Access beyond MGAW.</summary>
    BeyondMgaw = 4,
    /// <summary>PTE Write access is not set.</summary>
    PteWriteNotSet = 5,
    /// <summary>PTE Read access is not set.</summary>
    PteReadNotSet = 6,
    /// <summary>Next page table ptr is invalid.</summary>
    NextTablePointerInvalid = 7,
    /// <summary>Root table address invalid.</summary>
    RootTableAddressInvalid = 8,
    /// <summary>Context table ptr is invalid.</summary>
    ContextTablePointerInvalid = 9,
    /// <summary>non-zero reserved fields in RTP.</summary>
    ReservedRtp = 10,
    /// <summary>non-zero reserved fields in CTP.</summary>
    ReservedCtp = 11,
    /// <summary>non-zero reserved fields in PTE.</summary>
    ReservedPte = 12,
    /// <summary>PCE for translation request specifies blocking.</summary>
    Blocking = 13,
}

/// <summary>The hardware's text for each fault reason.</summary>
public static class VtdFaultReasons
{
    private static readonly string[] Texts =
    [
        "Software",
        "Present bit in root entry is clear",
        "Present bit in context entry is clear",
        "Invalid context entry",
        "Access beyond MGAW",
        "PTE Write access is not set",
        "PTE Read access is not set",
        "Next page table ptr is invalid",
        "Root table address invalid",
        "Context table ptr is invalid",
        "non-zero reserved fields in RTP",
        "non-zero reserved fields in CTP",
        "non-zero reserved fields in PTE",
        "PCE for translation request specifies blocking",
    ];

    /// <summary>Linux's text for <paramref name="reason"/>.</summary>
    public static string Text(VtdFaultReason reason)
    {
        int i = (int)reason;
        return i >= 0 && i < Texts.Length ? Texts[i] : "Unknown";
    }

    /// <summary>The reason as a <see cref="FaultCode"/>.</summary>
    public static FaultCode Code(VtdFaultReason reason) => new(FaultFamily.Vtd, (int)reason);
}
