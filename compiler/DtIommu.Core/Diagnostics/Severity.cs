namespace DtIommu.Diagnostics;

/// <summary>How serious a diagnostic is; <see cref="Off"/> means a rule that does not run.</summary>
public enum Severity
{
    /// <summary>Disabled.</summary>
    Off = 0,
    /// <summary>Informational note.</summary>
    Note = 1,
    /// <summary>A warning: output is still written.</summary>
    Warning = 2,
    /// <summary>An error: output is not written without <c>-f</c>.</summary>
    Error = 3,
}
