using System;
using System.Text;

namespace DtIommu.Sources;

/// <summary>
/// Byte-for-char conversion: dtc works on bytes, so sources are read one byte per char to keep columns and string
/// contents identical to dtc's whatever the encoding. Such "byte text" goes back out as the same bytes (dtc prints
/// source bytes raw), and is turned into real text only where a document must be UTF-8 or a file must be opened.
/// </summary>
public static class Latin1
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Bytes to a string, one char per byte.</summary>
    public static string GetString(byte[] bytes, int offset, int count) => GetString(new ReadOnlySpan<byte>(bytes, offset, count));

    /// <summary>Bytes to a string, one char per byte.</summary>
    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return "";
#if NET
        // Latin-1 decodes every byte to the char of the same value, widened in vectors straight into the string.
        return Encoding.Latin1.GetString(bytes);
#else
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
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

    /// <summary>Real text (a command-line word) as byte text: its UTF-8 bytes one char each, as dtc sees argv.</summary>
    public static string FromText(string text) => IsAscii(text) ? text : GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Byte text back to real text: each run of chars below 256 that spells valid UTF-8 is decoded; any other char
    /// (a lone byte such as 0xE9, or text that was never byte text, like '·' or '→') is kept. So a name that came
    /// from a source file, an argument or a literal in the code reads right in a UTF-8 document or a file-system call.
    /// </summary>
    public static string ToText(string text)
    {
        if (IsAscii(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            var length = c < 0xC2 || c > 0xF4 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (length > 0 && i + length <= text.Length && TryDecode(text, i, length, out var decoded))
            {
                sb.Append(decoded);
                i += length;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    private static bool TryDecode(string text, int start, int length, out string decoded)
    {
        decoded = "";
        var bytes = new byte[length];
        for (var k = 0; k < length; k++)
        {
            var ch = text[start + k];
            if (ch > 0xFF || (k > 0 && (ch & 0xC0) != 0x80)) return false;
            bytes[k] = (byte)ch;
        }
        try
        {
            decoded = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
            if (c > 0x7F) return false;
        return true;
    }
}
