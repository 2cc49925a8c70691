namespace DtIommu.Simulation;

/// <summary>What a device's configuration entry (context entry, STE, S2CR) tells the IOMMU to do.</summary>
public enum ConfigMode : byte
{
    /// <summary>Translate through the entry's domain.</summary>
    Translate = 0,
    /// <summary>Pass through untranslated (VT-d TT=2, SMMU bypass).</summary>
    Bypass = 1,
    /// <summary>Abort every transaction (SMMUv3 STE abort, SMMUv2 S2CR fault type).</summary>
    Abort = 2,
}
