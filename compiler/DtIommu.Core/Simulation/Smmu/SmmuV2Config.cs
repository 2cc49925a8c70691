namespace DtIommu.Simulation.Smmu;

/// <summary>Parameters of an ARM SMMU v1/v2 (ID0/ID1 register fields).</summary>
/// <param name="NumSmrs">ID0.NUMSMRG: stream match register groups.</param>
/// <param name="NumContextBanks">ID1.NUMCB: translation context banks.</param>
/// <param name="StreamIdBits">ID0.NUMSIDB (16 with EXIDS).</param>
/// <param name="StreamIndexing">No SMRs: the stream ID indexes the S2CRs directly.</param>
/// <param name="BypassUnidentified">sCR0.USFCFG = 0: unmatched streams bypass instead of faulting (Linux sets it to fault).</param>
/// <param name="InputAddressBits">Input address size of the context banks.</param>
/// <param name="TlbSets">TLB sets (power of two).</param>
/// <param name="TlbWays">TLB ways.</param>
public sealed record SmmuV2Config(
    int NumSmrs = 16,
    int NumContextBanks = 8,
    int StreamIdBits = 15,
    bool StreamIndexing = false,
    bool BypassUnidentified = false,
    int InputAddressBits = 48,
    int TlbSets = 256,
    int TlbWays = 4) : IommuConfig
{
    /// <inheritdoc/>
    public override string Kind => "smmu-v2";

    /// <summary>Mask of implemented stream ID bits.</summary>
    public uint StreamIdMask => StreamIdBits >= 32 ? uint.MaxValue : (1u << StreamIdBits) - 1;

    /// <inheritdoc/>
    public override string? Validate()
    {
        if (StreamIdBits < 1 || StreamIdBits > 16) return $"sid-bits={StreamIdBits}: SMMUv2 stream IDs have 1..16 bits";
        if (!StreamIndexing && (NumSmrs < 1 || NumSmrs > 128)) return $"smrs={NumSmrs}: NUMSMRG is 1..128";
        if (NumContextBanks < 1 || NumContextBanks > 128) return $"contexts={NumContextBanks}: NUMCB is 1..128";
        if (InputAddressBits < 32 || InputAddressBits > 48) return $"ias={InputAddressBits} must be 32..48";
        if (TlbSets < 1 || (TlbSets & (TlbSets - 1)) != 0 || TlbWays < 1 || TlbWays > 255) return "TLB geometry must be a power-of-two set count and 1..255 ways";
        return null;
    }

    /// <inheritdoc/>
    public override IIommuSimulator CreateSimulator(string name) => new SmmuV2Simulator(name, this);
}
