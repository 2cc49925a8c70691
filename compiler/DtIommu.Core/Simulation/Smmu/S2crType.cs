namespace DtIommu.Simulation.Smmu;

/// <summary>SMMUv2 stream-to-context register type.</summary>
public enum S2crType : byte
{
    /// <summary>Fault every transaction (Linux's default with disable_bypass).</summary>
    Fault = 0,
    /// <summary>Pass through untranslated.</summary>
    Bypass = 1,
    /// <summary>Translate through <see cref="StreamToContext.ContextBank"/>.</summary>
    Translate = 2,
}
