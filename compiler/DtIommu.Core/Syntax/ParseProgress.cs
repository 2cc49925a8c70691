using System;

namespace DtIommu.Syntax;

/// <summary>
/// Hooks called as a DTS parse begins and every few thousand tokens of it, for a host that prepares the process for
/// what the parse allocates next (the command line keeps the heap mapped ahead). Unset, they cost a counter.
/// </summary>
public static class ParseProgress
{
    /// <summary>Tokens between two calls.</summary>
    public const int Interval = 4096;

    /// <summary>Called on the parsing thread as the parse of a source of the given length in bytes begins; null for none.</summary>
    public static Action<int>? Starting { get; set; }

    /// <summary>Called on the parsing thread every <see cref="Interval"/> tokens; null for none.</summary>
    public static Action? Handler { get; set; }
}
