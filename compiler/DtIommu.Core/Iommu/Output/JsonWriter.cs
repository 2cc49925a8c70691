using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DtIommu.Text;

namespace DtIommu.Iommu.Output;

/// <summary>
/// A minimal streaming JSON writer (two-space indentation, RFC 8259 escaping). Hand-written because
/// Utf8JsonWriter is not available on netstandard2.0 without a package.
/// </summary>
internal sealed class JsonWriter
{
    private readonly TextWriter _out;
    private readonly Stack<bool> _first = new();
    private bool _afterName;

    public JsonWriter(TextWriter output) => _out = output;

    private void Indent() => _out.Write(new string(' ', _first.Count * 2));

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_first.Count == 0) return;
        if (!_first.Peek()) _out.Write(',');
        _out.Write('\n');
        _first.Pop();
        _first.Push(false);
        Indent();
    }

    public JsonWriter StartObject() => Open('{');
    public JsonWriter EndObject() => Close('}');
    public JsonWriter StartArray() => Open('[');
    public JsonWriter EndArray() => Close(']');

    private JsonWriter Open(char c)
    {
        BeforeValue();
        _out.Write(c);
        _first.Push(true);
        return this;
    }

    private JsonWriter Close(char c)
    {
        var empty = _first.Pop();
        if (!empty)
        {
            _out.Write('\n');
            Indent();
        }
        _out.Write(c);
        if (_first.Count == 0) _out.Write('\n');
        return this;
    }

    public JsonWriter Name(string name)
    {
        BeforeValue();
        WriteString(name);
        _out.Write(": ");
        _afterName = true;
        return this;
    }

    public JsonWriter String(string? value)
    {
        BeforeValue();
        if (value == null) _out.Write("null");
        else WriteString(value);
        return this;
    }

    public JsonWriter Number(long value)
    {
        BeforeValue();
        _out.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter Number(ulong value)
    {
        BeforeValue();
        _out.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter Bool(bool value)
    {
        BeforeValue();
        _out.Write(value ? "true" : "false");
        return this;
    }

    public JsonWriter Null()
    {
        BeforeValue();
        _out.Write("null");
        return this;
    }

    private void WriteString(string s) => _out.Write(new StringBuilder(s.Length + 2).Quote(s, asciiOnly: true).ToString());
}
