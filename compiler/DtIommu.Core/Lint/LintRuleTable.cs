using System;
using System.Collections.Generic;
using DtIommu.Lint.Rules;

namespace DtIommu.Lint;

/// <summary>The one ordered table of lint rules: rules run, are documented and are listed in this order.</summary>
public static class LintRuleTable
{
    /// <summary>Every rule, structural first, then window, isolation and reachability.</summary>
    public static readonly IReadOnlyList<LintRule> All =
    [
        StructuralRules.PhandleUnresolved,
        StructuralRules.IommuCellsMissing,
        StructuralRules.SpecifierTruncated,
        StructuralRules.ZeroPhandle,
        StructuralRules.IommuCellsNotAllowed,
        StructuralRules.IommuMapLength,
        StructuralRules.IommuMapTargetCells,
        StructuralRules.IommuMapMaskIgnoresBase,
        StructuralRules.IommuMapRange,
        StructuralRules.IommuMapMaskRange,
        StructuralRules.IommusOnPciBus,
        StructuralRules.IommuMapOnNonPci,
        StructuralRules.DmaRangesFormat,
        StructuralRules.BadCellCount,
        StructuralRules.DefaultCells,
        StructuralRules.LegacyMixed,
        StructuralRules.IommuDisabled,
        StructuralRules.MixedDrivers,
        StructuralRules.MultipleInstances,
        StructuralRules.LastEntryWins,
        StructuralRules.DmaWindowFormat,
        StructuralRules.DmaWindowCellsFallback,
        StructuralRules.IommuAddresses,
        StructuralRules.ReservedMemoryShape,
        StructuralRules.UnknownCompatible,
        StructuralRules.WithoutDriver,
        StructuralRules.ParameterUnresolved,
        StructuralRules.MemoryRegion,
        StructuralRules.ParseError,
        StructuralRules.IommuMapShadowed,
        WindowRules.ZeroSize,
        WindowRules.OddSize,
        WindowRules.Untranslatable,
        WindowRules.Overlap,
        WindowRules.MissingLevel,
        WindowRules.ChainBroken,
        WindowRules.Invalid,
        WindowRules.NotPowerOfTwo,
        WindowRules.DuplicateLiobn,
        WindowRules.Above4G,
        WindowRules.OutsideAperture,
        WindowRules.IovaOutsideAperture,
        WindowRules.IovaAlignment,
        WindowRules.IovaReservedOverlap,
        WindowRules.IdTooWide,
        WindowRules.IommuParentDmaRanges,
        WindowRules.DmaRangesWithIommu,
        IsolationRules.SharedStreamId,
        IsolationRules.SmrOverlap,
        IsolationRules.SmrPartialOverlap,
        IsolationRules.MapMergesRids,
        IsolationRules.RidNotCovered,
        IsolationRules.FunctionBypasses,
        IsolationRules.SingleMasterShared,
        IsolationRules.SharedSingleContext,
        IsolationRules.Unprotected,
        IsolationRules.SharedTceTable,
        ReachabilityRules.NoRam,
        ReachabilityRules.PartialRam,
        ReachabilityRules.ReachesNoMap,
        ReachabilityRules.IdentityOutsideMemory,
        ReachabilityRules.WalkUnreachable,
        ReachabilityRules.VioWindowBase,
    ];

    private static Dictionary<string, LintRule>? _byName;

    /// <summary>The rule with this id (<c>DTI1001</c>) or name (<c>iommu-phandle-unresolved</c>), or null.</summary>
    public static LintRule? Find(string name)
    {
        if (_byName == null)
        {
            var d = new Dictionary<string, LintRule>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in All)
            {
                d[r.Code] = r;
                d[r.Name] = r;
            }
            _byName = d;
        }
        return _byName.TryGetValue(name, out var rule) ? rule : null;
    }
}
