using System;

namespace DtIommu.Syntax;

/// <summary>
/// A hook called every few thousand tokens of a parse, for a host that prepares the process for what a long parse
/// allocates next (the command line keeps the heap mapped ahead). Unset, it costs a counter.
/// </summary>
public static class ParseProgress
{
    /// <summary>Tokens between two calls.</summary>
    public const int Interval = 4096;

    /// <summary>Called on the parsing thread every <see cref="Interval"/> tokens; null for none.</summary>
    public static Action? Handler { get; set; }
}
