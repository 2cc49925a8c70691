using System.Collections.Generic;
using System.Globalization;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>
/// Linux 6.1's <c>of_dma_get_range</c> (drivers/of/address.c:969-1044) and the mask computation of
/// <c>of_dma_configure_id</c> (drivers/of/device.c:141-199), including the one-missing-level quirk.
/// </summary>
public sealed class DmaRangesWalker
{
    private readonly TreeIndex _index;
    private readonly AddressTranslator _translator;
    private readonly List<ModelObservation>? _observations;
    private readonly HashSet<string> _reported = [];

    /// <summary>RAM of the board (from <c>/memory</c>), used to tell a lost restriction that matters from one that does not.</summary>
    public IReadOnlyList<AddressRange> Memory { get; set; } = [];

    /// <summary>Creates a walker; observations (if a list is given) are recorded once per node and kind.</summary>
    public DmaRangesWalker(TreeIndex index, List<ModelObservation>? observations = null)
    {
        _index = index;
        _translator = new AddressTranslator(index);
        _observations = observations;
    }

    private void Observe(ObservationKind kind, Node node, string? property, string message)
    {
        if (_observations == null) return;
        if (!_reported.Add(kind + "|" + node.FullPath + "|" + message)) return;
        _observations.Add(new ModelObservation(kind, node.FullPath, property, message));
    }

    /// <summary>One parsed <c>dma-ranges</c> entry after merging contiguous followers; CPU null when untranslatable.</summary>
    /// <param name="BusAddress">Child-side (bus) address.</param>
    /// <param name="CpuAddress">CPU address, or null when the parent address does not translate.</param>
    /// <param name="Size">Size in bytes.</param>
    /// <param name="Flags">Bus flags used for merging.</param>
    public sealed record RangeEntry(ulong BusAddress, ulong? CpuAddress, ulong Size, uint Flags);

    /// <summary>Parses <c>dma-ranges</c> of <paramref name="node"/> like <c>for_each_of_range</c> (merging contiguous entries).</summary>
    public List<RangeEntry> ParseRanges(Node node)
    {
        var list = new List<RangeEntry>();
        var cells = TreeIndex.Cells(node, "dma-ranges");
        if (cells == null) return list;
        var na = TreeIndex.BusAddressCells(node);
        var pna = TreeIndex.AddressCells(node);
        var ns = TreeIndex.BusSizeCells(node);
        var np = na + pna + ns;
        if (np == 0) return list;
        var prop = node.GetProperty("dma-ranges")!;
        if (prop.Value.Length % (np * 4) != 0)
            Observe(ObservationKind.DmaRangesFormat, node, "dma-ranges",
                $"\"dma-ranges\" has length {prop.Value.Length}, not a multiple of {np * 4} (#address-cells {na}, parent #address-cells {pna}, #size-cells {ns}); Linux ignores the trailing partial entry");
        if (node.GetProperty("#address-cells") == null || node.GetProperty("#size-cells") == null)
            Observe(ObservationKind.DefaultCells, node, "dma-ranges",
                $"node with \"dma-ranges\" lacks its own #address-cells/#size-cells: Linux inherits or defaults to {na}/{ns}, the specification says 2/1");
        var bus = AddressTranslator.MatchBus(node);
        var flagCells = AddressTranslator.HasFlags(bus) ? 1 : 0;
        var i = 0;
        (ulong bus, ulong? cpu, ulong size, uint flags) Read(int at)
        {
            var flags = AddressTranslator.GetFlags(bus, cells, at);
            var busAddr = TreeIndex.ReadNumber(cells, at + flagCells, na - flagCells);
            var parentAddr = new uint[pna];
            for (var k = 0; k < pna; k++) parentAddr[k] = cells[at + na + k];
            var t = _translator.TranslateDma(node, parentAddr);
            var size = TreeIndex.ReadNumber(cells, at + na + pna, ns);
            if (t.Address == null && t.FailedAt != null && t.Failure != null && t.Failure.StartsWith("Bad cell count", System.StringComparison.Ordinal))
                Observe(ObservationKind.BadCellCount, t.FailedAt, null,
                    $"{t.Failure}: #address-cells must be 1..4 and #size-cells at least 1 on a DMA translation path");
            if (t.Address == null)
                Observe(ObservationKind.DmaRangesUntranslatable, node, "dma-ranges",
                    $"translation of DMA address({Hex(TreeIndex.ReadNumber(parentAddr, 0, pna))}) to CPU address failed node({node.FullPath}): {t.Failure}");
            return (busAddr, t.Address, size, flags);
        }
        while (i + np <= cells.Length)
        {
            var (b, c, s, f) = Read(i);
            i += np;
            // Linux keeps merging while the next entry continues both the bus and the CPU side.
            while (i + np <= cells.Length)
            {
                var (b2, c2, s2, f2) = Read(i);
                if (f2 != f) break;
                if (b2 != unchecked(b + s)) break;
                var cpuNow = c ?? ulong.MaxValue;
                var cpuNext = c2 ?? ulong.MaxValue;
                if (cpuNext != unchecked(cpuNow + s)) break;
                s = unchecked(s + s2);
                i += np;
            }
            list.Add(new RangeEntry(b, c, s, f));
        }
        return list;
    }

    /// <summary>The node where a platform device's walk starts (its DMA parent).</summary>
    public Node? StartFor(Node device) => _index.DmaParent(device);

    /// <summary>
    /// Runs <c>of_dma_get_range</c> from <paramref name="start"/> and the 6.1 limit computation.
    /// <paramref name="start"/> is the device's DMA parent, or a PCI device's host bridge itself.
    /// </summary>
    public BusTranslation Walk(Node? start, string devicePath)
    {
        if (start == null)
            return new BusTranslation { Outcome = TranslationOutcome.NoConstraint, StartNode = "", MaskBits = 32 };
        Node? node = start;
        var found = false;
        var level = 0;
        Node? rangesNode = null;
        // The guard stops interconnect loops, which would hang the kernel too.
        for (var guard = 0; node != null && guard < 256; guard++)
        {
            var p = node.GetProperty("dma-ranges");
            if (p != null && p.Value.Length > 0) { rangesNode = node; break; }
            if (found && p == null)
            {
                ReportBrokenChain(node, devicePath);
                return Unconstrained(start);
            }
            found = true;
            node = _index.DmaParent(node);
            level++;
        }
        if (rangesNode == null) return Unconstrained(start);
        if (level == 1 && start.GetProperty("dma-ranges") == null)
            Observe(ObservationKind.DmaRangesMissingLevel, start, "dma-ranges",
                $"{start.FullPath} has no \"dma-ranges\"; Linux tolerates one missing level and uses {rangesNode.FullPath}'s for the devices below it");

        var entries = ParseRanges(rangesNode);
        var regions = new List<DmaRegion>();
        foreach (var e in entries)
            if (e.CpuAddress != null) regions.Add(new DmaRegion(e.BusAddress, e.CpuAddress.Value, e.Size));
        if (regions.Count == 0)
        {
            // of_dma_get_range returns -EINVAL: the device itself fails DMA configuration, so that is where it is reported.
            if (_observations != null && _reported.Add(ObservationKind.DmaRangesInvalid + "|" + devicePath))
                _observations.Add(new ModelObservation(ObservationKind.DmaRangesInvalid, devicePath, null,
                    $"no entry of {rangesNode.FullPath}'s dma-ranges translates to a CPU address: of_dma_get_range fails and DMA configuration of {devicePath} fails"));
            return new BusTranslation { Outcome = TranslationOutcome.Invalid, StartNode = start.FullPath, RangesNode = rangesNode.FullPath, MaskBits = 32 };
        }
        CheckRegions(rangesNode, regions);
        // A lone size-0 entry describes nothing: host-bridge drivers that read dma-ranges themselves
        // (ppc4xx) skip size-0 entries and use their default window, so no limit is known here.
        if (regions.Count == 1 && regions[0].Size == 0) return Unconstrained(start);

        // The map is cut at the first zero-size region (it is the terminator), as in the kernel.
        ulong dmaStart = ulong.MaxValue, dmaEnd = 0;
        foreach (var r in regions)
        {
            if (r.Size == 0) break;
            if (r.DmaStart < dmaStart) dmaStart = r.DmaStart;
            var end = unchecked(r.DmaStart + r.Size);
            if (end > dmaEnd) dmaEnd = end;
        }
        var size = unchecked(dmaEnd - dmaStart);
        var odd = false;
        // With no region before the terminator the "size" is an artefact of the empty bounds (~0 .. 0).
        if ((size & 1) != 0 && dmaStart != ulong.MaxValue)
        {
            Observe(ObservationKind.DmaRangesOddSize, rangesNode, "dma-ranges",
                $"Invalid size {Hex(size)} for dma-range(s) (Linux 6.1 adds 1, 6.12 does not)");
            size = unchecked(size + 1);
            odd = true;
        }
        if (size == 0)
        {
            Observe(ObservationKind.DmaRangesInvalid, rangesNode, "dma-ranges", $"Adjusted size 0x0 invalid for {devicePath}: DMA configuration fails");
            return new BusTranslation
            {
                Outcome = TranslationOutcome.Invalid, StartNode = start.FullPath, RangesNode = rangesNode.FullPath,
                Regions = regions, MaskBits = 32, OddSizeAdjusted = odd,
            };
        }
        var last = unchecked(dmaStart + size - 1);
        return new BusTranslation
        {
            Outcome = TranslationOutcome.Ranges,
            StartNode = start.FullPath,
            RangesNode = rangesNode.FullPath,
            Regions = regions,
            DmaStart = dmaStart,
            BusDmaLimit = last,
            MaskBits = ILog2(last) + 1,
            OddSizeAdjusted = odd,
        };
    }

    private static BusTranslation Unconstrained(Node start) =>
        new() { Outcome = TranslationOutcome.NoConstraint, StartNode = start.FullPath, MaskBits = 32 };

    private void ReportBrokenChain(Node missing, string devicePath)
    {
        // Only worth reporting when a restriction above is actually lost.
        var guard = 0;
        for (var n = _index.DmaParent(missing); n != null && guard < 256; n = _index.DmaParent(n), guard++)
        {
            var p = n.GetProperty("dma-ranges");
            if (p != null && p.Value.Length > 0)
            {
                if (Restricts(ParseRanges(n)))
                    Observe(ObservationKind.DmaRangesChainBroken, missing, "dma-ranges",
                        $"{missing.FullPath} has no \"dma-ranges\" below {n.FullPath}, whose dma-ranges offset or limit DMA: Linux ignores them for the devices below (e.g. {devicePath}) and they DMA to untranslated, unlimited addresses");
                return;
            }
        }
    }

    // An identity map that covers all RAM (or, with /memory unknown, the whole 32-bit space) changes nothing when lost.
    private bool Restricts(List<RangeEntry> entries)
    {
        var covered = new List<AddressRange>();
        foreach (var e in entries)
        {
            if (e.Size == 0) break;
            if (e.CpuAddress is not { } cpu || cpu != e.BusAddress) return true;
            if (AddressRange.FromSize(cpu, e.Size) is { } r) covered.Add(r);
        }
        var need = Memory.Count > 0 ? Memory : [new AddressRange(0, 0xffffffffUL)];
        foreach (var m in need)
        {
            var left = m.Size;
            foreach (var c in covered)
                if (c.Intersect(m) is { } x) left -= System.Math.Min(left, x.Size);
            if (left != 0) return true;
        }
        return false;
    }

    private void CheckRegions(Node node, List<DmaRegion> regions)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (regions[i].Size == 0)
            {
                // A zero size is the map's terminator: it costs something only when entries follow it (a lone
                // size-0 entry is a placeholder some host-bridge drivers replace with their default).
                if (i + 1 < regions.Count)
                    Observe(ObservationKind.DmaRangesZeroSize, node, "dma-ranges",
                        $"dma-ranges entry {i} has size 0: it ends the region map and the {regions.Count - i - 1} later entr(ies) are ignored");
                return;
            }
            for (var j = 0; j < i; j++)
            {
                var a = AddressRange.FromSize(regions[j].DmaStart, regions[j].Size);
                var b = AddressRange.FromSize(regions[i].DmaStart, regions[i].Size);
                if (a == null || b == null || a.Value.Intersect(b.Value) is not { } shared) continue;
                // Entries with the same bus-to-CPU offset agree on every shared address: the overlap changes nothing.
                if (unchecked(regions[j].CpuStart - regions[j].DmaStart) == unchecked(regions[i].CpuStart - regions[i].DmaStart)) continue;
                Observe(ObservationKind.DmaRangesOverlap, node, "dma-ranges",
                    $"dma-ranges entries {j} and {i} map the bus addresses {shared} to different CPU addresses; Linux uses entry {j}, so entry {i}'s mapping of them is lost");
            }
        }
    }

    /// <summary>Linux's <c>of_dma_get_max_cpu_address</c>: the lowest CPU end of any <c>dma-ranges</c> in the subtree.</summary>
    public ulong MaxCpuAddress(Node node)
    {
        var max = ulong.MaxValue;
        var p = node.GetProperty("dma-ranges");
        if (p != null && p.Value.Length > 0)
        {
            ulong cpuEnd = 0;
            foreach (var r in ParseRanges(node))
            {
                // The kernel compares an exclusive end with an inclusive one; kept as is. OF_BAD_ADDR is ~0.
                var cpu = r.CpuAddress ?? ulong.MaxValue;
                if (unchecked(cpu + r.Size) > cpuEnd) cpuEnd = unchecked(cpu + r.Size - 1);
            }
            if (max > cpuEnd) max = cpuEnd;
        }
        foreach (var c in node.LiveChildren)
        {
            if (!TreeIndex.IsAvailable(c)) continue;
            var sub = MaxCpuAddress(c);
            if (max > sub) max = sub;
        }
        return max;
    }

    /// <summary>Floor of log2 (0 for 0, as <c>ilog2</c> is undefined there and the kernel never asks).</summary>
    public static int ILog2(ulong v)
    {
        var r = 0;
        while (v > 1) { v >>= 1; r++; }
        return r;
    }

    internal static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
