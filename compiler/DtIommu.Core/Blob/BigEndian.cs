namespace DtIommu.Blob;

/// <summary>Big-endian reads from byte arrays (callers check bounds).</summary>
public static class BigEndian
{
    /// <summary>The 32-bit value at <paramref name="offset"/>.</summary>
    public static uint U32(byte[] b, int offset) =>
        (uint)(b[offset] << 24 | b[offset + 1] << 16 | b[offset + 2] << 8 | b[offset + 3]);

    /// <summary>The 64-bit value at <paramref name="offset"/>.</summary>
    public static ulong U64(byte[] b, int offset) => (ulong)U32(b, offset) << 32 | U32(b, offset + 4);
}
