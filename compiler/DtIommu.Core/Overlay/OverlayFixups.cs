using System;

namespace DtIommu.Overlay;

/// <summary>
/// The overlay's <c>__fixups__</c>: each property names a base label and lists <c>path:property:offset</c> places
/// in the overlay where that label's phandle (found through the base's <c>__symbols__</c>) must be written.
/// </summary>
internal static class OverlayFixups
{
    /// <summary>overlay_fixup_phandles: 0 or a libfdt error number.</summary>
    public static int Apply(FlatTree tree, FlatTree overlay)
    {
        var fixups = overlay.PathOffset("/__fixups__"u8);
        if (fixups == FdtError.NotFound) return 0;
        if (fixups < 0) return fixups;
        var symbols = tree.PathOffset("/__symbols__"u8);
        if (symbols < 0 && symbols != FdtError.NotFound) return symbols;
        for (var prop = overlay.FirstPropertyOffset(fixups); prop >= 0; prop = overlay.NextPropertyOffset(prop))
        {
            var err = ApplyProperty(tree, overlay, symbols, prop);
            if (err != 0) return err;
        }
        return 0;
    }

    private static int ApplyProperty(FlatTree tree, FlatTree overlay, int symbols, int prop)
    {
        var valueAt = overlay.GetPropByOffset(prop, out var labelAt, out var len);
        if (valueAt < 0) return len == FdtError.NotFound ? FdtError.Internal : len;
        var value = overlay.Buffer.AsSpan(valueAt, len).ToArray();
        var label = overlay.CString(labelAt).ToArray();
        var pos = 0;
        do
        {
            var end = Array.IndexOf(value, (byte)0, pos, len);
            if (end < 0) return FdtError.BadOverlay;
            var entry = value.AsSpan(pos, end - pos);
            len -= entry.Length + 1;
            pos = end + 1;
            var sep = entry.IndexOf((byte)':');
            if (sep < 0 || sep == entry.Length - 1) return FdtError.BadOverlay;
            var path = entry.Slice(0, sep);
            var rest = entry.Slice(sep + 1);
            sep = rest.IndexOf((byte)':');
            if (sep <= 0) return FdtError.BadOverlay;
            var name = rest.Slice(0, sep);
            if (!ParseUnsigned(rest.Slice(sep + 1), out var offset)) return FdtError.BadOverlay;
            var err = ApplyOne(tree, overlay, symbols, path, name, offset, label);
            if (err != 0) return err;
        } while (len > 0);
        return 0;
    }

    /// <summary>strtoul(s, &amp;end, 10) as libfdt uses it: the whole text must be a number, which may have leading spaces and a sign.</summary>
    private static bool ParseUnsigned(ReadOnlySpan<byte> s, out uint value)
    {
        value = 0;
        var i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        var start = i;
        ulong v = 0;
        var overflow = false;
        for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
        {
            var next = unchecked(v * 10 + (ulong)(s[i] - '0'));
            if (v > ulong.MaxValue / 10 || next < v * 10) overflow = true;
            v = next;
        }
        if (i == start || i != s.Length) return false;
        if (overflow) v = ulong.MaxValue;
        else if (negative) v = unchecked(0 - v);
        value = unchecked((uint)v);
        return true;
    }

    private static int ApplyOne(FlatTree tree, FlatTree overlay, int symbols, ReadOnlySpan<byte> path,
        ReadOnlySpan<byte> name, uint offset, byte[] label)
    {
        if (symbols < 0) return symbols;
        var symbolPath = tree.GetProp(symbols, label, out var len);
        if (symbolPath < 0) return len;
        var symbol = tree.PathOffset(tree.CString(symbolPath).ToArray());
        if (symbol < 0) return symbol;
        var phandle = tree.GetPhandle(symbol);
        if (phandle == 0) return FdtError.NotFound;
        var target = overlay.PathOffset(path);
        if (target == FdtError.NotFound) return FdtError.BadOverlay;
        if (target < 0) return target;
        var cell = new[] { (byte)(phandle >> 24), (byte)(phandle >> 16), (byte)(phandle >> 8), (byte)phandle };
        return overlay.SetPropInPlacePartial(target, name, offset, cell);
    }
}
