namespace DtIommu.Lint;

/// <summary>The four rule families of the IOMMU validation rules.</summary>
public enum LintFamily
{
    /// <summary>Properties that Linux cannot parse or parses differently from the binding.</summary>
    Structural,
    /// <summary>DMA windows, apertures and <c>dma-ranges</c>.</summary>
    Window,
    /// <summary>Masters that end up sharing a translation context.</summary>
    Isolation,
    /// <summary>Which RAM each master can reach.</summary>
    Reachability,
}
