using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DtIommu.Text;

/// <summary>
/// The one setting every JSON document of DtIommu is written with (System.Text.Json's <see cref="Utf8JsonWriter"/>):
/// two-space indentation, <c>\n</c> line ends, UTF-8 text left as it is, and a final newline. The same input always
/// gives the same bytes.
/// </summary>
public static class JsonText
{
    /// <summary>The writer options: indented, <c>\n</c>, only the escapes JSON requires.</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Node paths, messages and file names are shown to people; \u003C for '<' helps no JSON reader.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document <paramref name="body"/> writes, as text ending in a newline.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) body(writer);
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <paramref name="value"/> as a string, or <c>null</c>.</summary>
    public static void StringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value == null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
