using System.Collections.Generic;
using System.Globalization;
using DtIommu.Iommu.Model;

namespace DtIommu.Iommu.Output;

/// <summary>Reads <c>--memory START-END[,START-END...]</c>: inclusive ranges, hexadecimal with 0x or decimal.</summary>
public static class MemoryRangeParser
{
    /// <summary>The ranges, sorted and merged; null with <paramref name="error"/> set when the text is malformed.</summary>
    public static List<AddressRange>? Parse(string text, out string? error)
    {
        error = null;
        var ranges = new List<AddressRange>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            var dash = item.IndexOf('-');
            if (dash <= 0 || !Number(item.Substring(0, dash), out var start) || !Number(item.Substring(dash + 1), out var end) || end < start)
            {
                error = $"bad memory range '{item}' (expected START-END, inclusive, e.g. 0x40000000-0xbfffffff)";
                return null;
            }
            ranges.Add(new AddressRange(start, end));
        }
        return DtIommu.Iommu.Resolve.ReservedMemoryReader.Merge(ranges);
    }

    private static bool Number(string s, out ulong value)
    {
        s = s.Trim();
        return s.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && s.Length > 2
            : ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
