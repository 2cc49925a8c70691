using System.Collections.Generic;
using System.IO;

namespace DtIommu.Blob;

/// <summary>
/// The strings block of a blob with dtc's sharing rule: a name reuses the first offset at which it already occurs as
/// the tail of an earlier string (<c>names</c> inside <c>clock-names</c>), else it is appended. dtc scans the whole
/// table for every name; indexing every suffix once makes the same answer linear in practice.
/// </summary>
public sealed class StringTableBuilder
{
    private readonly Dictionary<string, int> _suffixOffsets = [];
    private readonly MemoryStream _bytes = new();

    /// <summary>The table so far.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Its length in bytes.</summary>
    public int Length => (int)_bytes.Length;

    /// <summary>The offset of <paramref name="name"/>, appending it when no earlier string ends with it.</summary>
    public int Insert(string name)
    {
        if (_suffixOffsets.TryGetValue(name, out var found)) return found;
        var offset = (int)_bytes.Length;
        foreach (var ch in name) _bytes.WriteByte((byte)ch);
        _bytes.WriteByte(0);
        // First writer wins: an earlier string's suffix has a smaller offset, as dtc's forward scan finds.
        for (var k = 0; k <= name.Length; k++)
        {
            var suffix = k == 0 ? name : name.Substring(k);
            if (!_suffixOffsets.ContainsKey(suffix)) _suffixOffsets[suffix] = offset + k;
        }
        return offset;
    }
}
