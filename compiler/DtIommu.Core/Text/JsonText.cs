using System.Globalization;
using System.Text;

namespace DtIommu.Text;

/// <summary>JSON string literals with RFC 8259 escaping, shared by every writer that produces JSON by hand.</summary>
public static class JsonText
{
    /// <summary>
    /// Appends <paramref name="value"/> as a quoted JSON string, or <c>null</c>; <paramref name="asciiOnly"/> also
    /// escapes everything outside printable ASCII (for documents read by tools with weak Unicode handling).
    /// </summary>
    public static StringBuilder Quote(this StringBuilder sb, string? value, bool asciiOnly = false)
    {
        if (value == null) return sb.Append("null");
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"');
    }

    /// <summary>Appends <c>"name":</c>.</summary>
    public static StringBuilder Name(this StringBuilder sb, string name) => sb.Quote(name).Append(':');

    /// <summary>Appends an integer.</summary>
    public static StringBuilder Int(this StringBuilder sb, int value) => sb.Append(value.ToString(CultureInfo.InvariantCulture));
}
