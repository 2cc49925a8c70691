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
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)bytes[offset + i];
        return new string(chars);
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
