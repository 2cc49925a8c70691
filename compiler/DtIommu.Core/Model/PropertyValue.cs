using System.Collections.Generic;
using System;
using DtIommu.Sources;

namespace DtIommu.Model;

/// <summary>
/// The bytes of a property with their markers (dtc's <c>struct data</c>): the markers remember where typed chunks,
/// labels and references are, which the DTS writer and the reference fixups need.
/// </summary>
public sealed class PropertyValue
{
    private byte[] _bytes;
    private int _length;
    // The markers in an array of their own rather than a List: a board has a value for every property, and the
    // list object was a tenth of what a compile allocates for its values.
    private Marker[] _markers;
    private int _markerCount;

    /// <summary>Creates an empty value.</summary>
    public PropertyValue()
    {
        _bytes = Array.Empty<byte>();
        _markers = Array.Empty<Marker>();
    }

    /// <summary>
    /// Creates an empty value with room for <paramref name="bytes"/> bytes and <paramref name="markers"/> markers, so
    /// that a value whose size is known beforehand is stored without the copies of growing.
    /// </summary>
    public PropertyValue(int bytes, int markers)
    {
        _bytes = bytes == 0 ? Array.Empty<byte>() : new byte[bytes];
        _markers = markers == 0 ? Array.Empty<Marker>() : new Marker[markers];
    }

    /// <summary>Creates a value holding a copy of <paramref name="bytes"/>, with no markers.</summary>
    public PropertyValue(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
        _length = bytes.Length;
        _markers = Array.Empty<Marker>();
    }

    /// <summary>Number of bytes.</summary>
    public int Length => _length;

    /// <summary>The value's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => new(_bytes, 0, _length);

    /// <summary>The markers in offset order (insertion order for equal offsets).</summary>
    public ReadOnlySpan<Marker> Markers => new(_markers, 0, _markerCount);

    /// <summary>True when the value has no bytes.</summary>
    public bool IsEmpty => _length == 0;

    private void Grow(int extra)
    {
        var need = _length + extra;
        if (need <= _bytes.Length) return;
        var cap = Math.Max(need, Math.Max(8, _bytes.Length * 2));
        Array.Resize(ref _bytes, cap);
    }

    /// <summary>Appends raw bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Grow(data.Length);
        data.CopyTo(new Span<byte>(_bytes, _length, data.Length));
        _length += data.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void AppendByte(byte b)
    {
        Grow(1);
        _bytes[_length++] = b;
    }

    /// <summary>Appends <paramref name="count"/> zero bytes.</summary>
    public void AppendZeroes(int count)
    {
        Grow(count);
        Array.Clear(_bytes, _length, count);
        _length += count;
    }

    /// <summary>Appends the low <paramref name="bits"/> bits of <paramref name="value"/> big-endian.</summary>
    public void AppendInteger(ulong value, int bits)
    {
        var n = bits / 8;
        Grow(n);
        for (var i = n - 1; i >= 0; i--)
            _bytes[_length++] = (byte)(value >> (8 * i));
    }

    /// <summary>Appends a 32-bit big-endian cell.</summary>
    public void AppendCell(uint value) => AppendInteger(value, 32);

    /// <summary>Adds a marker at the current end of the value.</summary>
    public void AddMarker(MarkerKind kind, string? reference = null) => InsertMarkerAt(_markerCount, new Marker(kind, _length, reference));

    /// <summary>Appends another value, shifting its markers (dtc's <c>data_merge</c>).</summary>
    public void AppendValue(PropertyValue other)
    {
        var shift = _length;
        Append(other.Bytes);
        foreach (var m in other.Markers) InsertMarkerAt(_markerCount, m with { Offset = m.Offset + shift });
    }

    /// <summary>Overwrites a big-endian cell at <paramref name="offset"/>.</summary>
    public void SetCell(int offset, uint value)
    {
        _bytes[offset] = (byte)(value >> 24);
        _bytes[offset + 1] = (byte)(value >> 16);
        _bytes[offset + 2] = (byte)(value >> 8);
        _bytes[offset + 3] = (byte)value;
    }

    /// <summary>Reads the big-endian cell at <paramref name="offset"/>.</summary>
    public uint GetCell(int offset) =>
        (uint)(_bytes[offset] << 24 | _bytes[offset + 1] << 16 | _bytes[offset + 2] << 8 | _bytes[offset + 3]);

    /// <summary>
    /// Inserts bytes at the offset of marker <paramref name="markerIndex"/> and shifts every later marker
    /// (dtc's <c>data_insert_at_marker</c>, used by the path fixup).
    /// </summary>
    public void InsertAtMarker(int markerIndex, ReadOnlySpan<byte> data)
    {
        if ((uint)markerIndex >= (uint)_markerCount) throw new ArgumentOutOfRangeException(nameof(markerIndex));
        var at = _markers[markerIndex].Offset;
        Grow(data.Length);
        Array.Copy(_bytes, at, _bytes, at + data.Length, _length - at);
        data.CopyTo(new Span<byte>(_bytes, at, data.Length));
        _length += data.Length;
        for (var i = markerIndex + 1; i < _markerCount; i++)
            _markers[i] = _markers[i] with { Offset = _markers[i].Offset + data.Length };
    }

    /// <summary>Removes every marker (used when a value is replaced).</summary>
    public void ClearMarkers()
    {
        Array.Clear(_markers, 0, _markerCount);
        _markerCount = 0;
    }

    /// <summary>Adds a marker at an explicit offset, keeping offset order.</summary>
    public void InsertMarker(Marker marker)
    {
        var i = _markerCount;
        while (i > 0 && _markers[i - 1].Offset > marker.Offset) i--;
        InsertMarkerAt(i, marker);
    }

    /// <summary>Inserts a marker at list position <paramref name="index"/> (callers keep the ordering invariants).</summary>
    public void InsertMarkerAt(int index, Marker marker)
    {
        if ((uint)index > (uint)_markerCount) throw new ArgumentOutOfRangeException(nameof(index));
        if (_markerCount == _markers.Length) Array.Resize(ref _markers, Math.Max(4, _markerCount * 2));
        if (index < _markerCount) Array.Copy(_markers, index, _markers, index + 1, _markerCount - index);
        _markers[index] = marker;
        _markerCount++;
    }

    /// <summary>True when the value is exactly one NUL-terminated string with no NUL inside (dtc's <c>data_is_one_string</c>).</summary>
    public bool IsOneString()
    {
        if (_length == 0 || _bytes[_length - 1] != 0) return false;
        for (var i = 0; i < _length - 1; i++) if (_bytes[i] == 0) return false;
        return true;
    }

    /// <summary>The value as a string up to the first NUL (Latin-1, byte for char).</summary>
    public string AsString()
    {
        var end = 0;
        while (end < _length && _bytes[end] != 0) end++;
        return Latin1(0, end);
    }

    /// <summary>The NUL-separated strings of a string list (a trailing piece without NUL is included).</summary>
    public List<string> AsStringList()
    {
        var list = new List<string>();
        var start = 0;
        for (var i = 0; i < _length; i++)
        {
            if (_bytes[i] != 0) continue;
            list.Add(Latin1(start, i));
            start = i + 1;
        }
        if (start < _length) list.Add(Latin1(start, _length));
        return list;
    }

    private string Latin1(int start, int end)
    {
        var chars = new char[end - start];
        for (var i = start; i < end; i++) chars[i - start] = (char)_bytes[i];
        return new string(chars);
    }

    /// <summary>A deep copy.</summary>
    public PropertyValue Clone()
    {
        var c = new PropertyValue(Bytes);
        c._markers = Markers.ToArray();
        c._markerCount = _markerCount;
        return c;
    }
}
