using System.Collections.Generic;
using System.Globalization;

namespace DtIommu.Diagnostics.Formatting;

/// <summary>How text reports name the boards a finding affects: <c>board: a.dts</c> or <c>3 boards: a.dts, b.dts, c.dts</c>.</summary>
public static class BoardList
{
    /// <summary>The phrase for <paramref name="boards"/> (at least one).</summary>
    public static string Describe(IReadOnlyList<string> boards) =>
        boards.Count == 1 ? "board: " + boards[0]
        : boards.Count.ToString(CultureInfo.InvariantCulture) + " boards: " + string.Join(", ", boards);
}
