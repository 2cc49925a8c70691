using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Writers;

/// <summary>
/// Completes a value's marker list with type markers where it has none (DTB input, <c>/incbin/</c>), guessing each
/// untyped stretch as strings, cells or bytes by dtc's heuristic, so the value prints as dtc prints it.
/// </summary>
public static class TypeMarkerGuesser
{
    /// <summary>The markers to print with: the value's own when it has a type marker, else a guessed list.</summary>
    public static List<Marker> Complete(PropertyValue value)
    {
        var markers = new List<Marker>(value.Markers.Length + 2);
        foreach (var m in value.Markers) markers.Add(m);
        var offset = 0;
        // Indexes play the part of dtc's link pointers: position i is "before markers[i]". dtc stops at the first
        // type marker it meets, including ones it has just added for a string list: kept, as the output depends on it.
        for (var i = 0; i < markers.Count; i++)
        {
            if (markers[i].Kind.IsType()) return markers;
            if (markers[i].Offset > offset)
            {
                var type = Guess(value, offset, markers[i].Offset - offset, markers);
                i = Insert(markers, i, type, offset);
                offset = markers[i].Offset;
            }
            if (markers[i].Kind == MarkerKind.RefPhandle)
            {
                i = Insert(markers, i, MarkerKind.TypeUint32, offset);
                offset += 4;
            }
        }
        if (offset < value.Length)
        {
            var end = markers.Count;
            var type = Guess(value, offset, value.Length - offset, markers);
            Insert(markers, end, type, offset);
        }
        return markers;
    }

    /// <summary>
    /// dtc's <c>add_marker</c>: inserts at or after position <paramref name="at"/> keeping the invariants (offsets
    /// ascending, one type marker per offset, placed first); returns the index just past the marker it placed or found.
    /// </summary>
    private static int Insert(List<Marker> markers, int at, MarkerKind kind, int offset)
    {
        var i = at;
        while (i < markers.Count && markers[i].Offset < offset) i++;
        if (i < markers.Count && markers[i].Offset == offset && markers[i].Kind.IsType())
        {
            if (kind.IsType()) return i + 1;
            i++;
        }
        if (i < markers.Count && markers[i].Offset == offset && markers[i].Kind == kind) return i + 1;
        markers.Insert(i, new Marker(kind, offset, null));
        return i + 1;
    }

    private static MarkerKind Guess(PropertyValue value, int offset, int len, List<Marker> markers)
    {
        var bytes = value.Bytes;
        int notString = 0, nul = 0;
        for (var i = 0; i < len; i++)
        {
            var b = bytes[offset + i];
            if (!IsStringChar(b)) notString++;
            if (b == 0) nul++;
        }
        if (bytes[offset + len - 1] == 0 && notString == 0 && nul <= len - nul)
        {
            if (nul > 1) AddStringMarkers(value, offset, len, markers);
            return MarkerKind.TypeString;
        }
        return len % 4 == 0 ? MarkerKind.TypeUint32 : MarkerKind.TypeUint8;
    }

    private static void AddStringMarkers(PropertyValue value, int offset, int len, List<Marker> markers)
    {
        var bytes = value.Bytes;
        var l = StrLen(bytes, offset) + 1;
        var at = 0;
        while (l < len)
        {
            at = Insert(markers, at, MarkerKind.TypeString, offset + l);
            l += StrLen(bytes, offset + l) + 1;
        }
    }

    private static int StrLen(System.ReadOnlySpan<byte> bytes, int from)
    {
        var n = 0;
        while (from + n < bytes.Length && bytes[from + n] != 0) n++;
        return n;
    }

    /// <summary>dtc's <c>isstring</c>: printable, NUL, or one of \a \b \t \n \v \f \r.</summary>
    public static bool IsStringChar(byte c) => (c >= 0x20 && c < 0x7f) || c == 0 || (c >= 7 && c <= 13);
}
