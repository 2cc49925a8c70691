namespace DtIommu.Simulation;

/// <summary>What a driver does with an unmap that covers only part of a block (superpage) leaf.</summary>
public enum PartialBlockUnmap : byte
{
    /// <summary>io-pgtable-arm in Linux 6.12 (<c>arm_lpae_split_blk_unmap</c>): the block is split into smaller leaves and only the range asked for is unmapped.</summary>
    Split,
    /// <summary>VT-d <c>intel_iommu_unmap</c>: the size is rounded up to the whole superpage, which is unmapped.</summary>
    RoundUpWhole,
}
