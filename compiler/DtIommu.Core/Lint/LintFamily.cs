namespace DtIommu.Lint;

/// <summary>The four rule families of the IOMMU validation rules (reference iommu.md §6).</summary>
public enum LintFamily
{
    /// <summary>Properties that Linux cannot parse or parses differently from the binding (§6.1).</summary>
    Structural,
    /// <summary>DMA windows, apertures and <c>dma-ranges</c> (§6.2).</summary>
    Window,
    /// <summary>Masters that end up sharing a translation context (§6.3).</summary>
    Isolation,
    /// <summary>Which RAM each master can reach (§6.4).</summary>
    Reachability,
}
