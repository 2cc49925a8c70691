using System.Text;

namespace DtIommu.Cli;

/// <summary>
/// Writes byte text back as its bytes: each char below 256 is one byte (a source byte, as dtc prints it raw); any
/// other char, which no source byte can become, as UTF-8. Used for everything the dtc-compatible command prints.
/// </summary>
internal sealed class ByteTextEncoding : Encoding
{
    public static readonly ByteTextEncoding Instance = new();

    public override byte[] GetPreamble() => [];

    public override int GetByteCount(char[] chars, int index, int count)
    {
        var n = 0;
        for (var i = index; i < index + count; i++)
            n += chars[i] < 256 ? 1 : UTF8.GetByteCount(chars, i, char.IsHighSurrogate(chars[i]) && i + 1 < index + count ? 2 : 1);
        return n;
    }

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        var start = byteIndex;
        var end = charIndex + charCount;
        for (var i = charIndex; i < end; i++)
        {
            if (chars[i] < 256)
            {
                bytes[byteIndex++] = (byte)chars[i];
                continue;
            }
            var width = char.IsHighSurrogate(chars[i]) && i + 1 < end ? 2 : 1;
            byteIndex += UTF8.GetBytes(chars, i, width, bytes, byteIndex);
            i += width - 1;
        }
        return byteIndex - start;
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => count;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        for (var i = 0; i < byteCount; i++) chars[charIndex + i] = (char)bytes[byteIndex + i];
        return byteCount;
    }

    public override int GetMaxByteCount(int charCount) => charCount * 3 + 3;

    public override int GetMaxCharCount(int byteCount) => byteCount;
}
