using System;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// The replay hot path: <c>map</c>, <c>unmap</c> and <c>access</c> lines written plainly (single spaces, no comment,
/// valid numbers) become steps without tokens; any other line returns null and goes through the full parser, which
/// also owns every error message.
/// </summary>
internal static class FastStepParser
{
    private const int MaxWords = 6;

    // Traces name the same few masters over and over: the last name seen is reused instead of cut again.
    [System.ThreadStatic] private static string? _lastName;

    public static TraceStep? TryParse(string text, int number, string file)
    {
        int n = text.Length;
        if (n == 0 || n > 256 || text[0] == ' ' || text[n - 1] == ' ') return null;
        System.Span<int> starts = stackalloc int[MaxWords];
        int words = 0;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            if (c == ' ')
            {
                if (text[i - 1] == ' ') return null;
                continue;
            }
            if (c <= ' ' || c == '#' || c == '=' || c >= 0x7f) return null;
            if (i == 0 || text[i - 1] == ' ')
            {
                if (words == MaxWords) return null;
                starts[words++] = i;
            }
        }
        var span = new SourceSpan(file, number, 1, number, n + 1);
        System.ReadOnlySpan<char> Slice(int w, System.Span<int> s) => text.AsSpan(s[w], (w + 1 < words ? s[w + 1] - 1 : n) - s[w]);
        ulong? Num(int w, System.Span<int> s) => TraceLexer.ParseNumber(Slice(w, s));
        string CachedName(System.Span<int> s)
        {
            var slice = Slice(1, s);
            var last = _lastName;
            if (last != null && slice.SequenceEqual(last.AsSpan())) return last;
            return _lastName = slice.ToString();
        }
        TraceName Name(System.Span<int> s) => new(CachedName(s), new SourceSpan(file, number, s[1] + 1, number, s[1] + 1 + (words > 2 ? s[2] - 1 - s[1] : n - s[1])));
        switch (text[0])
        {
            case 'm' when words == 6 && text.StartsWith("map ", System.StringComparison.Ordinal):
            {
                if (Num(2, starts) is not ulong iova || Num(3, starts) is not ulong phys || Num(4, starts) is not ulong size) return null;
                var p = Slice(5, starts);
                DmaPermission perm;
                if (p.SequenceEqual("rw".AsSpan())) perm = DmaPermission.ReadWrite;
                else if (p.SequenceEqual("r".AsSpan())) perm = DmaPermission.Read;
                else if (p.SequenceEqual("w".AsSpan())) perm = DmaPermission.Write;
                else return null;
                return new MapStep(span, text, Name(starts), iova, phys, size, perm);
            }
            case 'u' when words == 4 && text.StartsWith("unmap ", System.StringComparison.Ordinal):
            {
                if (Num(2, starts) is not ulong iova || Num(3, starts) is not ulong size) return null;
                return new UnmapStep(span, text, Name(starts), iova, size);
            }
            case 'a' when words == 4 && text.StartsWith("access ", System.StringComparison.Ordinal):
            {
                var d = Slice(2, starts);
                DmaDirection dir;
                if (d.SequenceEqual("read".AsSpan())) dir = DmaDirection.Read;
                else if (d.SequenceEqual("write".AsSpan())) dir = DmaDirection.Write;
                else return null;
                if (Num(3, starts) is not ulong iova) return null;
                return new AccessStep(span, text, Name(starts), dir, iova);
            }
            default:
                return null;
        }
    }
}
