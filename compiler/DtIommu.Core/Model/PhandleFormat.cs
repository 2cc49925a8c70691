using System;

namespace DtIommu.Model;

/// <summary>Which phandle properties are generated (<c>-H legacy|epapr|both</c>).</summary>
[Flags]
public enum PhandleFormat
{
    /// <summary><c>linux,phandle</c> only.</summary>
    Legacy = 1,
    /// <summary><c>phandle</c> only (the default).</summary>
    Epapr = 2,
    /// <summary>Both properties.</summary>
    Both = Legacy | Epapr,
}
