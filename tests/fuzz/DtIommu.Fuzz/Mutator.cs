using System.Text;

namespace DtIommu.Fuzz;

/// <summary>Byte-level damage to a valid input: flips, deletions, duplications and splices of DTS tokens or blob words.</summary>
internal static class Mutator
{
    private static readonly string[] DtsTokens =
    [
        "{", "}", ";", "<", ">", "(", ")", "[", "]", "\"", "'", "&", ":", "=", ",", "/", "\\", "\0", "\n", "#", "@",
        "/delete-node/", "/omit-if-no-ref/", "/bits/", "/plugin/", "/memreserve/", "/incbin/", "/include/", "/dts-v1/;",
        "0x", "99999999999999999999", "-", "?", "&{/", "é", "\xff", "#include \"x.h\"", "FOO", "/*", "//", "# 1 \"f\"\n",
    ];

    /// <summary>A damaged copy of DTS text (kept as Latin-1 bytes).</summary>
    public static byte[] MutateDts(byte[] source, Random rng)
    {
        var bytes = new List<byte>(source);
        for (var n = 1 + rng.Next(3); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : rng.Next(bytes.Count);
            switch (rng.Next(4))
            {
                case 0:
                    if (bytes.Count > 0) bytes.RemoveRange(at, Math.Min(1 + rng.Next(8), bytes.Count - at));
                    break;
                case 1:
                    bytes.InsertRange(at, Encoding.Latin1.GetBytes(DtsTokens[rng.Next(DtsTokens.Length)]));
                    break;
                case 2:
                    if (bytes.Count > 0)
                    {
                        var len = Math.Min(1 + rng.Next(40), bytes.Count - at);
                        bytes.InsertRange(rng.Next(bytes.Count), bytes.GetRange(at, len));
                    }
                    break;
                default:
                    if (bytes.Count > 0) bytes[at] = (byte)rng.Next(256);
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>A damaged copy of a blob: header fields, structure tokens, lengths and string offsets.</summary>
    public static byte[] MutateDtb(byte[] blob, Random rng)
    {
        var b = (byte[])blob.Clone();
        for (var n = 1 + rng.Next(2); n > 0; n--)
        {
            var word = rng.Next(Math.Max(1, b.Length / 4)) * 4;
            if (word + 4 > b.Length) continue;
            switch (rng.Next(5))
            {
                case 0:
                    // A structure token in place of whatever was there.
                    WriteBe(b, word, (uint)(1 + rng.Next(9)));
                    break;
                case 1:
                    WriteBe(b, word, ReadBe(b, word) + (uint)(rng.Next(9) - 4));
                    break;
                case 2:
                    WriteBe(b, word, rng.Next(2) == 0 ? 0 : 0xffffffff);
                    break;
                case 3:
                    // A header field (magic, sizes, offsets, versions).
                    var field = rng.Next(10) * 4;
                    if (field + 4 <= b.Length) WriteBe(b, field, ReadBe(b, field) ^ (1u << rng.Next(32)));
                    break;
                default:
                    b[word + rng.Next(4)] = (byte)rng.Next(256);
                    break;
            }
        }
        if (rng.Next(10) == 0) Array.Resize(ref b, rng.Next(b.Length));
        return b;
    }

    private static uint ReadBe(byte[] b, int i) => (uint)(b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3]);

    private static void WriteBe(byte[] b, int i, uint v)
    {
        b[i] = (byte)(v >> 24);
        b[i + 1] = (byte)(v >> 16);
        b[i + 2] = (byte)(v >> 8);
        b[i + 3] = (byte)v;
    }
}
