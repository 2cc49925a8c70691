namespace DtIommu.Simulation;

/// <summary>Which hardware's fault encoding a <see cref="FaultCode"/> uses.</summary>
public enum FaultFamily : byte
{
    /// <summary>No fault.</summary>
    None = 0,
    /// <summary>VT-d fault reasons (<see cref="Vtd.VtdFaultReason"/>).</summary>
    Vtd,
    /// <summary>ARM SMMU v1/v2 global and context faults (<see cref="Smmu.SmmuV2FaultKind"/>).</summary>
    SmmuV2,
    /// <summary>ARM SMMUv3 event records (<see cref="Smmu.SmmuV3EventKind"/>).</summary>
    SmmuV3,
    /// <summary>pSeries PHB TCE translation errors (<see cref="Tce.TceFaultKind"/>).</summary>
    Tce,
    /// <summary>Single-master IOMMU page faults (<see cref="SingleMaster.SingleMasterFaultKind"/>).</summary>
    SingleMaster,
}
