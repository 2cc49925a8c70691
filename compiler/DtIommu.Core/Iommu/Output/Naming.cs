using System.Globalization;
using System.Text;

namespace DtIommu.Iommu.Output;

/// <summary>Shared spellings of the writers: kebab-case enum names and hex addresses.</summary>
internal static class Naming
{
    /// <summary><c>PciHostBridge</c> → <c>pci-host-bridge</c>.</summary>
    public static string Kebab(object value)
    {
        var s = value.ToString() ?? "";
        var sb = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(s[i]));
        }
        return sb.ToString();
    }

    /// <summary>Lower-case hex with <c>0x</c>.</summary>
    public static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
