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
    [ThreadStatic] private static string? _lastName;

    /// <summary>The statement as a record, for the parser's callers; null when the line is not a plain hot step.</summary>
    public static TraceStep? TryParse(string text, int number, string file)
    {
        if (!TryParseHot(text, out var h)) return null;
        var span = new SourceSpan(file, number, 1, number, text.Length + 1);
        var name = new TraceName(h.Name, new SourceSpan(file, number, h.NameColumn, number, h.NameColumn + h.Name.Length));
        return h.Kind switch
        {
            HotKind.Map => new MapStep(span, text, name, h.Iova, h.Physical, h.Size, h.Permission),
            HotKind.Unmap => new UnmapStep(span, text, name, h.Iova, h.Size),
            _ => new AccessStep(span, text, name, h.Direction, h.Iova),
        };
    }

    /// <summary>Reads a plain <c>map</c>, <c>unmap</c> or <c>access</c> line into a struct, allocating nothing but a new master name.</summary>
    public static bool TryParseHot(string text, out HotStep step)
    {
        step = default;
        int n = text.Length;
        if (n < 8 || n > 256) return false;
        char c0 = text[0];
        if (c0 != 'm' && c0 != 'u' && c0 != 'a') return false;
        var line = text.AsSpan();
        // Word starts; a double, leading or trailing space is left to the full parser.
        Span<int> starts = stackalloc int[MaxWords + 1];
        int words = 0;
        for (int i = 0; i < n; i++)
        {
            if (i != 0 && line[i - 1] != ' ') continue;
            if (line[i] == ' ' || words == MaxWords) return false;
            starts[words++] = i;
        }
        if (line[n - 1] == ' ' || words < 4) return false;
        starts[words] = n + 1;
        var verb = line.Slice(0, starts[1] - 1);
        var name = line.Slice(starts[1], starts[2] - 1 - starts[1]);
        // The name is the only free-form word: anything the lexer would read differently (comment, key=value, control
        // or non-ASCII characters) goes to the full parser.
        foreach (char c in name)
            if (c <= ' ' || c == '#' || c == '=' || c >= 0x7f) return false;
        if (words == 6 && verb.SequenceEqual("map".AsSpan()))
        {
            if (Number(line, starts, 2) is not ulong iova || Number(line, starts, 3) is not ulong phys || Number(line, starts, 4) is not ulong size) return false;
            var p = Word(line, starts, 5);
            DmaPermission perm;
            if (p.SequenceEqual("rw".AsSpan())) perm = DmaPermission.ReadWrite;
            else if (p.SequenceEqual("r".AsSpan())) perm = DmaPermission.Read;
            else if (p.SequenceEqual("w".AsSpan())) perm = DmaPermission.Write;
            else return false;
            step = new HotStep(HotKind.Map, Name(name), starts[1] + 1, iova, phys, size, perm, default);
            return true;
        }
        if (words == 4 && verb.SequenceEqual("unmap".AsSpan()))
        {
            if (Number(line, starts, 2) is not ulong iova || Number(line, starts, 3) is not ulong size) return false;
            step = new HotStep(HotKind.Unmap, Name(name), starts[1] + 1, iova, 0, size, default, default);
            return true;
        }
        if (words == 4 && verb.SequenceEqual("access".AsSpan()))
        {
            var d = Word(line, starts, 2);
            DmaDirection dir;
            if (d.SequenceEqual("read".AsSpan())) dir = DmaDirection.Read;
            else if (d.SequenceEqual("write".AsSpan())) dir = DmaDirection.Write;
            else return false;
            if (Number(line, starts, 3) is not ulong iova) return false;
            step = new HotStep(HotKind.Access, Name(name), starts[1] + 1, iova, 0, 0, default, dir);
            return true;
        }
        return false;
    }

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> line, Span<int> starts, int w) => line.Slice(starts[w], starts[w + 1] - 1 - starts[w]);

    private static ulong? Number(ReadOnlySpan<char> line, Span<int> starts, int w) => TraceLexer.ParseNumber(Word(line, starts, w));

    private static string Name(ReadOnlySpan<char> name)
    {
        var last = _lastName;
        return last != null && name.SequenceEqual(last.AsSpan()) ? last : _lastName = name.ToString();
    }
}

/// <summary>Which hot statement a <see cref="HotStep"/> is.</summary>
internal enum HotKind : byte
{
    Map,
    Unmap,
    Access,
}

/// <summary>A <c>map</c>, <c>unmap</c> or <c>access</c> line read without building a step record.</summary>
internal readonly record struct HotStep(HotKind Kind, string Name, int NameColumn, ulong Iova, ulong Physical, ulong Size, DmaPermission Permission, DmaDirection Direction);
