namespace DtIommu.Diagnostics;

/// <summary>dtc's <c>-q</c> levels applied to diagnostics: -q hides warnings, -qq also errors.</summary>
public static class QuietFilter
{
    /// <summary>True when <paramref name="diagnostic"/> is printed at <c>-q</c> repeated <paramref name="quietLevel"/> times.</summary>
    public static bool IsShown(Diagnostic diagnostic, int quietLevel) =>
        diagnostic.Severity switch
        {
            Severity.Error => quietLevel < 2,
            Severity.Off => false,
            _ => quietLevel < 1,
        };
}
