using System.Collections.Generic;
using System.Text;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Text;

namespace DtIommu.Writers;

/// <summary>
/// Prints a device tree as DTS text exactly as dtc 1.8.1's <c>-O dts</c> does: typed chunks from the value markers,
/// labels where they were, phandle references as <c>&amp;label</c>, and optional <c>-T</c> source annotations.
/// </summary>
public sealed class DtsWriter
{
    private readonly StringBuilder _out = new();
    private readonly int _annotate;
    private readonly SourceAnnotation _annotation;

    private DtsWriter(int annotate, string? initialFile)
    {
        _annotate = annotate;
        _annotation = new SourceAnnotation(initialFile);
    }

    /// <summary>The DTS text of <paramref name="tree"/>; <paramref name="annotate"/> is the number of <c>-T</c>.</summary>
    public static string Write(DeviceTree tree, int annotate = 0, string? initialFile = null)
    {
        var w = new DtsWriter(annotate, initialFile);
        w.WriteTree(tree);
        return w._out.ToString();
    }

    private void WriteTree(DeviceTree tree)
    {
        _out.Append("/dts-v1/;\n");
        if (tree.IsPlugin) _out.Append("/plugin/;\n");
        _out.Append('\n');
        foreach (var re in tree.Reservations)
        {
            foreach (var l in re.Labels.Live) _out.Append(l.Name).Append(": ");
            _out.Append("/memreserve/\t0x").Append(re.Address.ToString("x16")).Append(" 0x")
                .Append(re.Size.ToString("x16")).Append(";\n");
        }
        WriteNode(tree.Root, 0);
    }

    private void WriteNode(Node node, int level)
    {
        _out.Append('\t', level);
        if (node.HasLabels) foreach (var l in node.Labels.Live) _out.Append(l.Name).Append(": ");
        _out.Append(node.Name.Length > 0 ? node.Name : "/").Append(" {");
        Annotate(_annotation.First(node.Spans, _annotate));
        _out.Append('\n');
        foreach (var prop in node.Properties)
        {
            if (prop.IsDeleted) continue;
            _out.Append('\t', level + 1);
            if (prop.HasLabels) foreach (var l in prop.Labels.Live) _out.Append(l.Name).Append(": ");
            _out.Append(prop.Name);
            WriteValue(prop);
        }
        foreach (var child in node.Children)
        {
            if (child.IsDeleted) continue;
            _out.Append('\n');
            WriteNode(child, level + 1);
        }
        _out.Append('\t', level).Append("};");
        Annotate(_annotation.Last(node.Spans, _annotate));
        _out.Append('\n');
    }

    private void Annotate(string? text)
    {
        if (text != null) _out.Append(" /* ").Append(text).Append(" */");
    }

    private void WriteValue(Property prop)
    {
        var value = prop.Value;
        var len = value.Length;
        var propSpans = prop.Span is { } s ? new[] { s } : System.Array.Empty<SourceSpan>();
        if (len == 0)
        {
            _out.Append(';');
            Annotate(_annotation.First(propSpans, _annotate));
            _out.Append('\n');
            return;
        }
        _out.Append(" =");
        var markers = TypeMarkerGuesser.Complete(value);
        var bytes = value.Bytes;
        MarkerKind? emit = null;
        for (var i = 0; i < markers.Count; i++)
        {
            var m = markers[i];
            var chunkLen = (i + 1 < markers.Count ? markers[i + 1].Offset : len) - m.Offset;
            var typeLen = TypeMarkerLength(markers, i);
            var dataLen = typeLen != 0 ? typeLen : len - m.Offset;
            if (m.Kind.IsType())
            {
                emit = m.Kind;
                _out.Append(' ').Append(DelimiterStart(m.Kind));
            }
            else if (m.Kind == MarkerKind.Label)
            {
                _out.Append(' ').Append(m.Reference).Append(':');
            }
            if (emit == null || chunkLen == 0) continue;

            switch (emit.Value)
            {
                case MarkerKind.TypeUint16:
                    WriteInts(bytes, m.Offset, chunkLen, 2);
                    break;
                case MarkerKind.TypeUint32:
                {
                    string? reference = null;
                    foreach (var r in markers)
                        if (r.Kind == MarkerKind.RefPhandle && r.Offset == m.Offset) { reference = r.Reference; break; }
                    if (reference != null)
                    {
                        _out.Append(reference.Length > 0 && reference[0] == '/' ? "&{" + reference + "}" : "&" + reference);
                        if (chunkLen > 4)
                        {
                            _out.Append(' ');
                            WriteInts(bytes, m.Offset + 4, chunkLen - 4, 4);
                        }
                    }
                    else
                    {
                        WriteInts(bytes, m.Offset, chunkLen, 4);
                    }
                    if (dataLen > chunkLen) _out.Append(' ');
                    break;
                }
                case MarkerKind.TypeUint64:
                    WriteInts(bytes, m.Offset, chunkLen, 8);
                    break;
                case MarkerKind.TypeString:
                    WriteString(prop, bytes, m.Offset, chunkLen);
                    break;
                default:
                    WriteInts(bytes, m.Offset, chunkLen, 1);
                    break;
            }

            if (chunkLen == dataLen)
            {
                var pos = m.Offset + chunkLen;
                _out.Append(DelimiterEnd(emit.Value));
                if (pos != len) _out.Append(',');
                emit = null;
            }
        }
        _out.Append(';');
        Annotate(_annotation.First(propSpans, _annotate));
        _out.Append('\n');
    }

    private static int TypeMarkerLength(List<Marker> markers, int index)
    {
        for (var j = index + 1; j < markers.Count; j++)
            if (markers[j].Kind.IsType()) return markers[j].Offset - markers[index].Offset;
        return 0;
    }

    private void WriteInts(System.ReadOnlySpan<byte> bytes, int offset, int len, int width)
    {
        if (len % width != 0)
            throw new FatalCompilationException($"value of {len} bytes is not a whole number of {width}-byte elements");
        var end = offset + len;
        for (var p = offset; p < end; p += width)
        {
            ulong v = 0;
            for (var k = 0; k < width; k++) v = v << 8 | bytes[p + k];
            if (width == 1) _out.Append(v.ToString("x2"));
            else _out.Append("0x").Append(v.ToString("x2"));
            if (p + width < end) _out.Append(' ');
        }
    }

    private void WriteString(Property prop, System.ReadOnlySpan<byte> bytes, int offset, int len)
    {
        if (len == 0) return;
        // dtc asserts here and aborts; a string chunk glued to untyped /incbin/ data can end without NUL.
        if (bytes[offset + len - 1] != 0)
            throw new FatalCompilationException(
                $"Property '{prop.Name}' mixes a string with untyped data and cannot be written as DTS");
        _out.Append('"');
        var end = offset + len - 1;
        for (var p = offset; p < end; p++)
        {
            var c = bytes[p];
            switch (c)
            {
                case 7: _out.Append("\\a"); break;
                case 8: _out.Append("\\b"); break;
                case 9: _out.Append("\\t"); break;
                case 10: _out.Append("\\n"); break;
                case 11: _out.Append("\\v"); break;
                case 12: _out.Append("\\f"); break;
                case 13: _out.Append("\\r"); break;
                case (byte)'\\': _out.Append("\\\\"); break;
                case (byte)'"': _out.Append("\\\""); break;
                case 0: _out.Append("\\0"); break;
                default:
                    if (c >= 0x20 && c < 0x7f) _out.Append((char)c);
                    // dtc prints a signed char through %02x, so bytes >= 0x80 come out sign-extended.
                    else _out.Append("\\x").Append(((uint)(sbyte)c).ToString("x2"));
                    break;
            }
        }
        _out.Append('"');
    }

    private static string DelimiterStart(MarkerKind kind) => kind switch
    {
        MarkerKind.TypeUint8 => "[",
        MarkerKind.TypeUint16 => "/bits/ 16 <",
        MarkerKind.TypeUint32 => "<",
        MarkerKind.TypeUint64 => "/bits/ 64 <",
        _ => "",
    };

    private static string DelimiterEnd(MarkerKind kind) => kind switch
    {
        MarkerKind.TypeUint8 => "]",
        MarkerKind.TypeUint16 or MarkerKind.TypeUint32 or MarkerKind.TypeUint64 => ">",
        _ => "",
    };
}
