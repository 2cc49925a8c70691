using System;
using System.Collections.Generic;
using System.Globalization;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Writers.Yaml;

namespace DtIommu.Writers;

/// <summary>
/// Prints a device tree as dtc 1.8.1's <c>-O yaml</c> does (<c>yamltree.c</c> through libyaml's emitter): one
/// document holding a sequence with the root mapping; each property is a flow sequence of its typed chunks.
/// </summary>
public static class YamlWriter
{
    private const string SeqTag = "tag:yaml.org,2002:seq";
    private const string MapTag = "tag:yaml.org,2002:map";
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string BoolTag = "tag:yaml.org,2002:bool";

    /// <summary>The YAML text of <paramref name="tree"/>, which must come from DTS source (it needs the type markers).</summary>
    public static string Write(DeviceTree tree)
    {
        var events = new List<YamlEvent>
        {
            new(YamlEventKind.StreamStart),
            new(YamlEventKind.DocumentStart),
            YamlEvent.SequenceStart(SeqTag, true, YamlStyle.Any),
        };
        AddNode(tree.Root, events);
        events.Add(YamlEvent.SequenceEnd);
        events.Add(new YamlEvent(YamlEventKind.DocumentEnd));
        events.Add(new YamlEvent(YamlEventKind.StreamEnd));
        return YamlEmitter.Emit(events);
    }

    private static void AddNode(Node node, List<YamlEvent> events)
    {
        if (node.IsDeleted) return;
        events.Add(YamlEvent.MappingStart(MapTag));
        foreach (var prop in node.LiveProperties)
            AddProperty(prop, events);
        foreach (var child in node.LiveChildren)
        {
            events.Add(YamlEvent.Scalar(StrTag, child.Name, true, false, YamlStyle.Plain));
            AddNode(child, events);
        }
        events.Add(YamlEvent.MappingEnd);
    }

    private static void AddProperty(Property prop, List<YamlEvent> events)
    {
        events.Add(YamlEvent.Scalar(StrTag, prop.Name, true, true, YamlStyle.Plain));
        var value = prop.Value;
        if (value.Length == 0)
        {
            events.Add(YamlEvent.Scalar(BoolTag, "true", true, false, YamlStyle.Plain));
            return;
        }
        var markers = value.Markers;
        if (markers.Length == 0)
            throw new FatalCompilationException($"No markers present in property '{prop.Name}' value");

        events.Add(YamlEvent.SequenceStart(SeqTag, true, YamlStyle.Flow));
        var remaining = value.Length;
        for (var i = 0; i < markers.Length; i++)
        {
            var m = markers[i];
            if (!m.Kind.IsType()) continue;
            // dtc's "type_marker_length(m) ? : len": a chunk that ends at another type marker on the same offset
            // takes everything not yet printed.
            var typeLength = TypeMarkerLength(markers, i);
            var chunk = typeLength != 0 ? typeLength : remaining;
            // dtc asserts (or reads past the value) in these cases; there is no output to match.
            if (chunk <= 0 || m.Offset + chunk > value.Length)
                throw new FatalCompilationException(
                    $"Property '{prop.Name}' has typed data that dtc cannot write as YAML");
            remaining -= chunk;
            if (m.Kind == MarkerKind.TypeString) AddString(prop, m.Offset, chunk, events);
            else AddIntegers(prop, m.Offset, chunk, m.Kind.ElementSize(), events);
        }
        events.Add(YamlEvent.SequenceEnd);
    }

    private static int TypeMarkerLength(ReadOnlySpan<Marker> markers, int index)
    {
        for (var j = index + 1; j < markers.Length; j++)
            if (markers[j].Kind.IsType()) return markers[j].Offset - markers[index].Offset;
        return 0;
    }

    private static void AddIntegers(Property prop, int offset, int length, int width, List<YamlEvent> events)
    {
        if (length % width != 0)
            throw new FatalCompilationException(
                $"Property '{prop.Name}' has {length} bytes of {width}-byte integers and cannot be written as YAML");
        var tag = width switch { 1 => "!u8", 2 => "!u16", 4 => "!u32", _ => "!u64" };
        events.Add(YamlEvent.SequenceStart(tag, width == 4, YamlStyle.Flow));
        var bytes = prop.Value.Bytes;
        for (var off = 0; off < length; off += width)
        {
            ulong v = 0;
            for (var k = 0; k < width; k++) v = v << 8 | bytes[offset + off + k];
            var text = "0x" + v.ToString("x", CultureInfo.InvariantCulture);
            events.Add(width == 4 && IsPhandle(prop.Value.Markers, offset + off)
                ? YamlEvent.Scalar("!phandle", text, false, false, YamlStyle.Plain)
                : YamlEvent.Scalar(IntTag, text, true, true, YamlStyle.Plain));
        }
        events.Add(YamlEvent.SequenceEnd);
    }

    private static bool IsPhandle(ReadOnlySpan<Marker> markers, int offset)
    {
        foreach (var m in markers)
            if (m.Kind == MarkerKind.RefPhandle && m.Offset == offset) return true;
        return false;
    }

    private static void AddString(Property prop, int offset, int length, List<YamlEvent> events)
    {
        var bytes = prop.Value.Bytes.Slice(offset, length);
        // dtc asserts a NUL-terminated, 7-bit chunk: a string glued to /incbin/ data or a non-ASCII byte aborts it.
        if (bytes[length - 1] != 0)
            throw new FatalCompilationException(
                $"Property '{prop.Name}' mixes a string with untyped data and cannot be written as YAML");
        var chars = new char[length - 1];
        for (var i = 0; i < length; i++)
        {
            if (bytes[i] > 0x7f)
                throw new FatalCompilationException(
                    $"Property '{prop.Name}' has a string with non-ASCII bytes, which dtc cannot write as YAML");
            if (i < length - 1) chars[i] = (char)bytes[i];
        }
        events.Add(YamlEvent.Scalar(StrTag, new string(chars), false, true, YamlStyle.DoubleQuoted));
    }
}
