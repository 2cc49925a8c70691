using System;
using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>Linux's bus kinds for address translation (<c>of_match_bus</c> in drivers/of/address.c).</summary>
internal enum BusKind
{
    Pci,
    Isa,
    DefaultFlags,
    Default,
}

/// <summary>
/// Linux's <c>__of_translate_address</c> for <c>ranges</c> (CPU view of <c>reg</c>) and <c>dma-ranges</c> (CPU view of
/// a DMA address), with its quirks: an absent <c>dma-ranges</c> on an ancestor is 1:1, an absent <c>ranges</c> stops.
/// </summary>
public sealed class AddressTranslator
{
    private readonly TreeIndex _index;

    /// <summary>Creates a translator over an indexed tree.</summary>
    public AddressTranslator(TreeIndex index) => _index = index;

    internal static BusKind MatchBus(Node node)
    {
        if (TreeIndex.IsPciAddressBus(node)) return BusKind.Pci;
        if (node.BaseName == "isa") return BusKind.Isa;
        if (TreeIndex.BusAddressCells(node) == 3) return BusKind.DefaultFlags;
        return BusKind.Default;
    }

    internal static bool HasFlags(BusKind kind) => kind != BusKind.Default;

    /// <summary>The flags Linux compares when merging ranges (<c>bus->get_flags</c>).</summary>
    internal static uint GetFlags(BusKind kind, IReadOnlyList<uint> cells, int offset)
    {
        var hi = offset < cells.Count ? cells[offset] : 0;
        switch (kind)
        {
            case BusKind.Pci:
                uint flags = 0;
                switch ((hi >> 24) & 3)
                {
                    case 1: flags |= 0x100; break;            // IORESOURCE_IO
                    case 3: flags |= 0x100000 | 0x200; break; // IORESOURCE_MEM_64 | IORESOURCE_MEM
                    case 2: flags |= 0x200; break;            // IORESOURCE_MEM
                }
                if ((hi & 0x40000000) != 0) flags |= 0x2000;  // IORESOURCE_PREFETCH
                return flags;
            case BusKind.Isa:
                return (hi & 1) != 0 ? 0x100u : 0x200u;
            case BusKind.DefaultFlags:
                return hi;
            default:
                return 0x200;
        }
    }

    private static (int na, int ns) CountCells(BusKind bus, Node dev) => bus switch
    {
        BusKind.Pci => (3, 2),
        BusKind.Isa => (2, 1),
        _ => (TreeIndex.AddressCells(dev), TreeIndex.SizeCells(dev)),
    };

    private static bool CheckCounts(int na, int ns) => na > 0 && na <= 4 && ns > 0;

    /// <summary>Result of a translation: the address, or the reason it failed.</summary>
    public readonly record struct Result(ulong? Address, string? Failure, Node? FailedAt);

    /// <summary>
    /// Translates <paramref name="address"/> (cells in the address space of <paramref name="dev"/>'s parent) to a CPU
    /// address through the ancestors' <c>dma-ranges</c> (<c>of_translate_dma_address</c>).
    /// </summary>
    public Result TranslateDma(Node dev, IReadOnlyList<uint> address) => Translate(dev, address, "dma-ranges", dma: true);

    /// <summary>Translates a <c>reg</c> address to a CPU address through <c>ranges</c> (<c>of_translate_address</c>).</summary>
    public Result TranslateReg(Node dev, IReadOnlyList<uint> address) => Translate(dev, address, "ranges", dma: false);

    private Node? Parent(Node n, bool dma) => dma ? _index.DmaParent(n) : n.Parent;

    private Result Translate(Node dev, IReadOnlyList<uint> inAddr, string rprop, bool dma)
    {
        var parent = Parent(dev, dma);
        if (parent == null) return new Result(null, "node has no parent", dev);
        var bus = MatchBus(parent);
        var (na, ns) = CountCells(bus, dev);
        if (!CheckCounts(na, ns)) return new Result(null, $"Bad cell count for {dev.FullPath}", dev);
        var addr = new uint[Math.Max(na, 4)];
        for (var i = 0; i < na; i++) addr[i] = i < inAddr.Count ? inAddr[i] : 0;
        for (var guard = 0; guard < 256; guard++)
        {
            dev = parent;
            parent = Parent(dev, dma);
            if (parent == null) return new Result(TreeIndex.ReadNumber(addr, 0, na), null, null);
            var pbus = MatchBus(parent);
            var (pna, pns) = CountCells(pbus, dev);
            if (!CheckCounts(pna, pns)) return new Result(null, $"Bad cell count for {dev.FullPath}", dev);
            var fail = TranslateOne(dev, bus, pbus, ref addr, na, ns, pna, rprop, dma);
            if (fail != null) return new Result(null, fail, dev);
            na = pna;
            ns = pns;
            bus = pbus;
        }
        return new Result(null, "DMA parent loop", dev);
    }

    private static string? TranslateOne(Node parent, BusKind bus, BusKind pbus, ref uint[] addr, int na, int ns, int pna, string rprop, bool dma)
    {
        var ranges = TreeIndex.Cells(parent, rprop);
        ulong offset;
        var newAddr = new uint[Math.Max(pna, 4)];
        if (ranges == null && !dma) return $"no ranges on {parent.FullPath}; cannot translate";
        if (ranges == null || ranges.Length == 0)
        {
            offset = TreeIndex.ReadNumber(addr, 0, na);
        }
        else
        {
            var rone = na + pna + ns;
            var found = -1;
            offset = 0;
            for (var r = 0; r + rone <= ranges.Length; r += rone)
            {
                var o = Map(bus, addr, ranges, r, na, ns, pna);
                if (o != null) { offset = o.Value; found = r; break; }
            }
            if (found < 0) return $"address not inside any {rprop} entry of {parent.FullPath}";
            for (var i = 0; i < pna; i++) newAddr[i] = ranges[found + na + i];
        }
        addr = newAddr;
        ApplyTranslate(pbus, addr, offset, pna);
        return null;
    }

    private static ulong? Map(BusKind bus, uint[] addr, uint[] ranges, int r, int na, int ns, int pna)
    {
        var skip = 0;
        switch (bus)
        {
            case BusKind.Pci:
                var af = GetFlags(BusKind.Pci, addr, 0);
                var rf = GetFlags(BusKind.Pci, ranges, r);
                if (((af ^ rf) & (0x200 | 0x100)) != 0) return null;
                skip = 1;
                break;
            case BusKind.Isa:
                if (((addr[0] ^ ranges[r]) & 1) != 0) return null;
                skip = 1;
                break;
            case BusKind.DefaultFlags:
                if (addr[0] != ranges[r]) return null;
                skip = 1;
                break;
        }
        var cp = TreeIndex.ReadNumber(ranges, r + skip, na - skip);
        var s = TreeIndex.ReadNumber(ranges, r + na + pna, ns);
        var da = TreeIndex.ReadNumber(addr, skip, na - skip);
        // u64 arithmetic as in the kernel: cp + s may wrap.
        if (da < cp || da >= unchecked(cp + s)) return null;
        return da - cp;
    }

    private static void ApplyTranslate(BusKind pbus, uint[] addr, ulong offset, int pna)
    {
        var skip = pbus == BusKind.Default ? 0 : 1;
        var n = pna - skip;
        if (n <= 0) return;
        var a = unchecked(TreeIndex.ReadNumber(addr, skip, n) + offset);
        for (var i = skip; i < pna; i++) addr[i] = 0;
        if (n > 1) addr[skip + n - 2] = (uint)(a >> 32);
        addr[skip + n - 1] = (uint)a;
    }
}
