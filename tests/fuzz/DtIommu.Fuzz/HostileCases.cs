using System.Text;

namespace DtIommu.Fuzz;

/// <summary>Inputs built to break a compiler rather than to resemble a board: depth, width, size and odd files.</summary>
internal static class HostileCases
{
    public static IEnumerable<(string Name, string InputName, byte[] Input, string[] Args)> All()
    {
        static byte[] L(string s) => Encoding.Latin1.GetBytes(s);
        static string R(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
        string[] dtb = ["-O", "dtb"];
        yield return ("orphan-reference", "in.dts", L("/dts-v1/; &test { };\n"), dtb);
        yield return ("deep-nodes", "in.dts", L("/dts-v1/; / {" + R("a {", 60000) + R("};", 60000) + "};\n"), dtb);
        yield return ("long-sum", "in.dts", L("/dts-v1/; / { p = <(" + string.Join("+", Enumerable.Repeat("1", 200000)) + ")>; };\n"), dtb);
        yield return ("unary-chain", "in.dts", L("/dts-v1/; / { p = <(" + R("-", 200000) + "1)>; };\n"), dtb);
        yield return ("nested-parens", "in.dts", L("/dts-v1/; / { p = <" + R("(", 100000) + "1" + R(")", 100000) + ">; };\n"), dtb);
        yield return ("ternary-chain", "in.dts", L("/dts-v1/; / { p = <(" + R("1 ? 1 : ", 5000) + "1)>; };\n"), dtb);
        yield return ("incbin-dev-zero", "in.dts", L("/dts-v1/; / { p = /incbin/(\"/dev/zero\", 0, 16); };\n"), dtb);
        yield return ("value-labels", "in.dts", L("/dts-v1/; / { p = <1>, " + string.Concat(Enumerable.Range(0, 20000).Select(i => $"l{i}: ")) + "<1>; };\n"), dtb);
        yield return ("prefix-labels", "in.dts", L("/dts-v1/; / { " + string.Concat(Enumerable.Range(0, 12000).Select(i => $"l{i}: ")) + "p; };\n"), dtb);
        yield return ("untaken-wide-literal", "in.dts", L("/dts-v1/; / { q = <(0 ? 0x123456789012345678 : 2)>; };\n"), dtb);
        yield return ("empty-node-name", "in.dts", L("/dts-v1/; / { @1 { }; };\n"), dtb);
        yield return ("nul-bytes", "in.dts", L("/dts-v1/;\0/ { p\0 = <1>; };\n"), dtb);
        yield return ("non-ascii", "in.dts", L("/dts-v1/; / { p = \"\u00e9\"; q = <\u00e9>; };\n"), dtb);
        yield return ("empty-file", "in.dts", [], dtb);
        yield return ("blob-truncated", "in.dtb", [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 0x40], ["-I", "dtb", "-O", "dts"]);
        yield return ("blob-huge-size", "in.dtb", [0xd0, 0x0d, 0xfe, 0xed, 0xff, 0xff, 0xff, 0xf0, .. new byte[32]], ["-I", "dtb", "-O", "dts"]);
    }
}
