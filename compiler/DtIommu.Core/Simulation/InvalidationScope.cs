namespace DtIommu.Simulation;

/// <summary>Hardware-neutral granularity of an invalidation; each simulator names the ones it has in its own terms.</summary>
public enum InvalidationScope : byte
{
    /// <summary>Every cached translation (VT-d global IOTLB, SMMU TLBI all).</summary>
    TranslationAll,
    /// <summary>Translations of one domain (VT-d DSI, SMMU TLBI by ASID/context).</summary>
    TranslationDomain,
    /// <summary>Translations of an address range in one domain (VT-d PSI, SMMU TLBI by VA).</summary>
    TranslationPage,
    /// <summary>Every cached configuration entry (VT-d global context cache, SMMUv3 CFGI_ALL).</summary>
    ConfigAll,
    /// <summary>Configuration entries of one domain (VT-d domain-selective context cache).</summary>
    ConfigDomain,
    /// <summary>The configuration entry of one device (VT-d device-selective context cache, SMMUv3 CFGI_STE).</summary>
    ConfigDevice,
    /// <summary>The device TLB (ATS translation cache) of one master (VT-d device-IOTLB descriptor, SMMUv3 CMD_ATC_INV).</summary>
    DeviceTlb,
}
