using System;
using System.Collections.Generic;

namespace DtIommu.Blob;

/// <summary>
/// The strings block of a blob with dtc's sharing rule: a name reuses the first offset at which it already occurs as
/// the tail of an earlier string (<c>names</c> inside <c>clock-names</c>), else it is appended. That offset is the
/// first occurrence of the name and its terminating NUL in the table, which a vectorised search finds; names seen
/// before are answered from a dictionary.
/// </summary>
public sealed class StringTableBuilder
{
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    private byte[] _bytes = new byte[1024];
    private int _length;

    /// <summary>The table so far.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    /// <summary>Its length in bytes.</summary>
    public int Length => _length;

    /// <summary>The offset of <paramref name="name"/>, appending it when no earlier string ends with it.</summary>
    public int Insert(string name)
    {
        if (_offsets.TryGetValue(name, out var found)) return found;
        Span<byte> key = name.Length < 256 ? stackalloc byte[name.Length + 1] : new byte[name.Length + 1];
        for (var i = 0; i < name.Length; i++) key[i] = (byte)name[i];
        key[name.Length] = 0;
        var offset = _bytes.AsSpan(0, _length).IndexOf(key);
        if (offset < 0)
        {
            offset = _length;
            if (_length + key.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + key.Length));
            key.CopyTo(_bytes.AsSpan(_length));
            _length += key.Length;
        }
        _offsets[name] = offset;
        return offset;
    }
}
