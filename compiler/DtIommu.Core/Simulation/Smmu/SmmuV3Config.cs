namespace DtIommu.Simulation.Smmu;

/// <summary>Parameters of an ARM SMMUv3.</summary>
/// <param name="StreamIdBits">IDR1.SIDSIZE: the stream table spans 2^bits stream IDs.</param>
/// <param name="InputAddressBits">Input address size of the stage-1 tables.</param>
/// <param name="SteCacheSize">Configuration (STE) cache entries (power of two).</param>
/// <param name="TlbSets">TLB sets (power of two).</param>
/// <param name="TlbWays">TLB ways.</param>
public sealed record SmmuV3Config(
    int StreamIdBits = 16,
    int InputAddressBits = 48,
    int SteCacheSize = 256,
    int TlbSets = 1024,
    int TlbWays = 4) : IommuConfig
{
    /// <inheritdoc/>
    public override string Kind => "smmu-v3";

    /// <inheritdoc/>
    public override string? Validate()
    {
        if (StreamIdBits < 1 || StreamIdBits > 32) return $"sid-bits={StreamIdBits}: SIDSIZE is 1..32";
        if (InputAddressBits < 32 || InputAddressBits > 52) return $"ias={InputAddressBits} must be 32..52";
        if (SteCacheSize < 1 || (SteCacheSize & (SteCacheSize - 1)) != 0) return "STE cache size must be a power of two";
        if (TlbSets < 1 || (TlbSets & (TlbSets - 1)) != 0 || TlbWays < 1 || TlbWays > 255) return "TLB geometry must be a power-of-two set count and 1..255 ways";
        return null;
    }

    /// <inheritdoc/>
    public override IIommuSimulator CreateSimulator(string name) => new SmmuV3Simulator(name, this);
}
