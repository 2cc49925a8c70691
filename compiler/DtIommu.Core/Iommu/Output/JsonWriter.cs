using System.IO;
using System.Text.Json;
using DtIommu.Text;

namespace DtIommu.Iommu.Output;

/// <summary>
/// The fluent calls the model writer is written in (<c>Name(..).String(..)</c>), over System.Text.Json's
/// <see cref="Utf8JsonWriter"/> with <see cref="JsonText.Options"/>; <see cref="WriteTo"/> emits the document.
/// </summary>
internal sealed class JsonWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _w;

    public JsonWriter() => _w = new Utf8JsonWriter(_buffer, JsonText.Options);

    public JsonWriter StartObject() { _w.WriteStartObject(); return this; }
    public JsonWriter EndObject() { _w.WriteEndObject(); return this; }
    public JsonWriter StartArray() { _w.WriteStartArray(); return this; }
    public JsonWriter EndArray() { _w.WriteEndArray(); return this; }
    public JsonWriter Name(string name) { _w.WritePropertyName(name); return this; }
    public JsonWriter Number(long value) { _w.WriteNumberValue(value); return this; }
    public JsonWriter Number(ulong value) { _w.WriteNumberValue(value); return this; }
    public JsonWriter Bool(bool value) { _w.WriteBooleanValue(value); return this; }
    public JsonWriter Null() { _w.WriteNullValue(); return this; }

    public JsonWriter String(string? value)
    {
        if (value == null) _w.WriteNullValue();
        else _w.WriteStringValue(value);
        return this;
    }

    /// <summary>Writes the finished document and a final newline to <paramref name="output"/>.</summary>
    public void WriteTo(TextWriter output)
    {
        _w.Flush();
        output.Write(System.Text.Encoding.UTF8.GetString(_buffer.ToArray()));
        output.Write('\n');
    }
}
