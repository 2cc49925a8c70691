using DtIommu.Simulation.SingleMaster;
using DtIommu.Simulation.Smmu;
using DtIommu.Simulation.Tce;
using DtIommu.Simulation.Vtd;

namespace DtIommu.Simulation;

/// <summary>A hardware fault reason: the family's own code, kept as a value so faulting accesses do not allocate.</summary>
/// <param name="Family">Which hardware's encoding <paramref name="Code"/> uses.</param>
/// <param name="Code">The family's numeric code (VT-d fault reason, SMMUv3 event ID, ...).</param>
public readonly record struct FaultCode(FaultFamily Family, int Code)
{
    /// <summary>No fault.</summary>
    public static FaultCode None => default;

    /// <summary>True when this is a fault.</summary>
    public bool IsFault => Family != FaultFamily.None;

    /// <summary>Stable text, e.g. <c>VT-d fault reason 6: PTE Read access is not set</c>.</summary>
    public string Describe() => Family switch
    {
        FaultFamily.Vtd => $"VT-d fault reason {Code}: {VtdFaultReasons.Text((VtdFaultReason)Code)}",
        FaultFamily.SmmuV2 => $"SMMUv2 {SmmuFaultText.Text((SmmuV2FaultKind)Code)}",
        FaultFamily.SmmuV3 => $"SMMUv3 event 0x{Code:x2} {SmmuFaultText.Text((SmmuV3EventKind)Code)}",
        FaultFamily.Tce => $"TCE {TceFaultText.Text((TceFaultKind)Code)}",
        FaultFamily.SingleMaster => $"IOMMU {SingleMasterFaultText.Text((SingleMasterFaultKind)Code)}",
        _ => "no fault",
    };

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
