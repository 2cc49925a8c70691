namespace DtIommu.Simulation.Smmu;

/// <summary>One SMMUv2 stream match register: a stream matches when the bits outside <see cref="Mask"/> equal <see cref="Id"/>.</summary>
/// <param name="Id">SMR.ID.</param>
/// <param name="Mask">SMR.MASK: bits ignored in the comparison.</param>
/// <param name="Valid">SMR.VALID.</param>
public readonly record struct StreamMatchRegister(uint Id, uint Mask, bool Valid)
{
    /// <summary>True when <paramref name="streamId"/> matches.</summary>
    public bool Matches(uint streamId) => Valid && ((streamId ^ Id) & ~Mask) == 0;

    /// <summary>True when every stream (<paramref name="id"/>, <paramref name="mask"/>) matches also matches this register (arm_smmu_find_sme reuse rule).</summary>
    public bool Covers(uint id, uint mask) => Valid && (mask & Mask) == mask && ((id ^ Id) & ~Mask) == 0;

    /// <summary>True when some stream matches both (the "any other overlap" rule).</summary>
    public bool Overlaps(uint id, uint mask) => Valid && ((id ^ Id) & ~(Mask | mask)) == 0;

    /// <inheritdoc/>
    public override string ToString() => $"SMR id 0x{Id:x} mask 0x{Mask:x}";
}
