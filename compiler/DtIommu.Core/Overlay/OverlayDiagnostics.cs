using DtIommu.Diagnostics;

namespace DtIommu.Overlay;

/// <summary>Messages about combining a base with overlays before checking the result.</summary>
public static class OverlayDiagnostics
{
    /// <summary>An overlay could not be applied (fdtoverlay's reason follows).</summary>
    public static readonly DiagnosticDescriptor ApplyFailed = new("DT0500", "overlay-apply-failed",
        "Overlay could not be applied", Severity.Error,
        "libfdt refused the overlay, as fdtoverlay would: a label the base does not export in __symbols__ (build the base with -@), a fragment without target, or malformed fixups.",
        DtIommu.Compilation.CompilerDiagnostics.PlainCategory);
}
