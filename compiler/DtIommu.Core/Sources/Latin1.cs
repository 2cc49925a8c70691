namespace DtIommu.Sources;

/// <summary>
/// Byte-for-char conversion: dtc works on bytes, so sources are read one byte per char to keep columns and string
/// contents identical to dtc's whatever the encoding.
/// </summary>
public static class Latin1
{
    /// <summary>Bytes to a string, one char per byte.</summary>
    public static string GetString(byte[] bytes, int offset, int count)
    {
#if NET
        // Straight into the string: a char[] first would double the largest allocation of a compile.
        return string.Create(count, (bytes, offset), static (chars, state) =>
        {
            var (source, start) = state;
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)source[start + i];
        });
#else
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)bytes[offset + i];
        return new string(chars);
#endif
    }

    /// <summary>Bytes to a string, one char per byte.</summary>
    public static string GetString(byte[] bytes) => GetString(bytes, 0, bytes.Length);

    /// <summary>A string of chars below 256 to bytes.</summary>
    public static byte[] GetBytes(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
        return bytes;
    }
}
