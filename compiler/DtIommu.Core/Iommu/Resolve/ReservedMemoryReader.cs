using System.Collections.Generic;
using System.Linq;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>Reads <c>/memory</c>, <c>/reserved-memory</c> and <c>iommu-addresses</c> the way Linux does.</summary>
public sealed class ReservedMemoryReader
{
    private readonly TreeIndex _index;
    private readonly AddressTranslator _translator;
    private readonly List<ModelObservation> _observations;

    /// <summary>Creates a reader recording observations into <paramref name="observations"/>.</summary>
    public ReservedMemoryReader(TreeIndex index, List<ModelObservation> observations)
    {
        _index = index;
        _translator = new AddressTranslator(index);
        _observations = observations;
    }

    /// <summary>RAM from available root children with <c>device_type = "memory"</c> (<c>linux,usable-memory</c> wins over <c>reg</c>), sorted and merged.</summary>
    public List<AddressRange> ReadMemory()
    {
        var ranges = new List<AddressRange>();
        foreach (var n in _index.Root.LiveChildren)
        {
            if (n.GetProperty("device_type")?.Value.AsString() != "memory" || !TreeIndex.IsAvailable(n)) continue;
            var cells = TreeIndex.Cells(n, "linux,usable-memory") ?? TreeIndex.Cells(n, "reg");
            if (cells == null) continue;
            var na = TreeIndex.AddressCells(n);
            var ns = TreeIndex.SizeCells(n);
            if (na + ns == 0) continue;
            for (var i = 0; i + na + ns <= cells.Length; i += na + ns)
            {
                var r = AddressRange.FromSize(TreeIndex.ReadNumber(cells, i, na), TreeIndex.ReadNumber(cells, i + na, ns));
                if (r != null) ranges.Add(r.Value);
            }
        }
        return Merge(ranges);
    }

    /// <summary>Sorts and merges overlapping or adjacent ranges.</summary>
    public static List<AddressRange> Merge(List<AddressRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var merged = new List<AddressRange>();
        foreach (var r in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[merged.Count - 1];
                if (last.End == ulong.MaxValue || r.Start <= last.End + 1)
                {
                    merged[merged.Count - 1] = new AddressRange(last.Start, r.End > last.End ? r.End : last.End);
                    continue;
                }
            }
            merged.Add(r);
        }
        return merged;
    }

    /// <summary>The CPU ranges of a node's <c>reg</c>, translated through <c>ranges</c> (raw when translation fails).</summary>
    public List<AddressRange> RegRanges(Node node)
    {
        var list = new List<AddressRange>();
        var cells = TreeIndex.Cells(node, "reg");
        if (cells == null) return list;
        var na = TreeIndex.AddressCells(node);
        var ns = TreeIndex.SizeCells(node);
        if (na + ns == 0 || na > 4) return list;
        for (var i = 0; i + na + ns <= cells.Length; i += na + ns)
        {
            var addr = new uint[na];
            for (var k = 0; k < na; k++) addr[k] = cells[i + k];
            var t = _translator.TranslateReg(node, addr);
            var start = t.Address ?? TreeIndex.ReadNumber(cells, i, na);
            var r = AddressRange.FromSize(start, TreeIndex.ReadNumber(cells, i + na, ns));
            if (r != null) list.Add(r.Value);
        }
        return list;
    }

    /// <summary>The children of <c>/reserved-memory</c> with their entries as the binding intends them.</summary>
    public List<ReservedRegion> ReadReserved()
    {
        var list = new List<ReservedRegion>();
        var rm = _index.Root.GetChild("reserved-memory");
        if (rm == null) return list;
        foreach (var n in rm.LiveChildren)
        {
            var sizeCells = TreeIndex.Cells(n, "size");
            ulong? size = sizeCells == null ? null : TreeIndex.ReadNumber(sizeCells, 0, sizeCells.Length);
            var region = new ReservedRegion
            {
                Path = n.FullPath,
                DynamicSize = size,
                NoMap = TreeIndex.Has(n, "no-map"),
                Reusable = TreeIndex.Has(n, "reusable"),
                Compatible = TreeIndex.Compatible(n),
            };
            region.Ranges.AddRange(RegRanges(n));
            var hasReg = TreeIndex.Has(n, "reg");
            var hasIommu = TreeIndex.Has(n, "iommu-addresses");
            if (!hasReg && size == null && !hasIommu)
                Observe(ObservationKind.ReservedMemoryShape, n, null, "reserved-memory node has neither \"reg\", \"size\" nor \"iommu-addresses\"");
            else if (!hasReg && size != null && hasIommu)
                Observe(ObservationKind.ReservedMemoryShape, n, "iommu-addresses", "\"size\" with \"iommu-addresses\" and no \"reg\" matches no form of the reserved-memory schema");
            if (hasIommu) ReadIntended(n, region);
            list.Add(region);
        }
        return list;
    }

    // The binding's reading: each entry is <phandle address(na) size(ns)> with the cells of the device's DMA parent.
    private void ReadIntended(Node n, ReservedRegion region)
    {
        var cells = TreeIndex.Cells(n, "iommu-addresses")!;
        var i = 0;
        while (i < cells.Length)
        {
            var dev = _index.ByPhandle(cells[i++]);
            if (dev == null)
            {
                Observe(ObservationKind.PhandleNotFound, n, "iommu-addresses", $"iommu-addresses entry names phandle {cells[i - 1]}, which does not resolve");
                region.IommuAddresses.Add(new IommuAddressEntry(null, null));
                return;
            }
            var parent = _index.DmaParent(dev);
            var na = parent == null ? 1 : TreeIndex.BusAddressCells(parent);
            var ns = parent == null ? 1 : TreeIndex.BusSizeCells(parent);
            if (i + na + ns > cells.Length)
            {
                Observe(ObservationKind.IommuAddresses, n, "iommu-addresses",
                    $"entry for {dev.FullPath} needs {na} address and {ns} size cells (its DMA parent's), only {cells.Length - i} remain");
                region.IommuAddresses.Add(new IommuAddressEntry(dev.FullPath, null));
                return;
            }
            var iova = AddressRange.FromSize(TreeIndex.ReadNumber(cells, i, na), TreeIndex.ReadNumber(cells, i + na, ns));
            region.IommuAddresses.Add(new IommuAddressEntry(dev.FullPath, iova));
            i += na + ns;
        }
        if (region.IommuAddresses.Select(e => e.DevicePath).Distinct().Count() > 1)
            Observe(ObservationKind.IommuAddresses, n, "iommu-addresses",
                "iommu-addresses lists several devices; Linux skips a foreign entry one cell at a time and may re-read address cells as phandles");
    }

    /// <summary>
    /// Linux's <c>of_iommu_get_resv_regions</c> (6.12 of_iommu.c:203-268) for one master: its <c>memory-region</c>
    /// entries whose <c>iommu-addresses</c> name it, with the one-cell skip of foreign entries.
    /// </summary>
    public List<IovaReservation> ResvRegionsFor(Node master, List<ReservedRegion> reserved, List<string> memoryRegionPaths)
    {
        var result = new List<IovaReservation>();
        var list = TreeIndex.Cells(master, "memory-region");
        if (list == null) return result;
        foreach (var ph in list)
        {
            var region = _index.ByPhandle(ph);
            if (region == null)
            {
                Observe(ObservationKind.MemoryRegion, master, "memory-region", $"memory-region phandle {ph} does not resolve");
                continue;
            }
            memoryRegionPaths.Add(region.FullPath);
            var rr = reserved.FirstOrDefault(r => r.Path == region.FullPath);
            if (rr == null)
                Observe(ObservationKind.MemoryRegion, master, "memory-region", $"memory-region {region.FullPath} is not a child of /reserved-memory");
            else if (!rr.Users.Contains(master.FullPath)) rr.Users.Add(master.FullPath);
            var maps = TreeIndex.Cells(region, "iommu-addresses");
            if (maps == null) continue;
            var phys = TreeIndex.Has(region, "reg") ? RegRanges(region).FirstOrDefault() : (AddressRange?)null;
            var i = 0;
            while (i < maps.Length)
            {
                var np = _index.ByPhandle(maps[i++]);
                if (np != master) continue;
                var parent = _index.DmaParent(master);
                if (parent == null) break;
                var na = TreeIndex.BusAddressCells(parent);
                var ns = TreeIndex.BusSizeCells(parent);
                if (i + na + ns > maps.Length)
                {
                    Observe(ObservationKind.IommuAddresses, region, "iommu-addresses",
                        $"entry for {master.FullPath} needs {na + ns} cells after the phandle; Linux reads past the end of the property");
                    break;
                }
                var addr = new uint[na];
                for (var k = 0; k < na; k++) addr[k] = maps[i + k];
                var t = _translator.TranslateDma(master, addr);
                var length = TreeIndex.ReadNumber(maps, i + na, ns);
                i += na + ns;
                if (t.Address == null)
                {
                    Observe(ObservationKind.IommuAddresses, region, "iommu-addresses",
                        $"IOVA of the entry for {master.FullPath} does not translate ({t.Failure}); Linux's loop then dereferences a NULL pointer");
                    break;
                }
                var iova = AddressRange.FromSize(t.Address.Value, length);
                if (iova == null)
                {
                    Observe(ObservationKind.IommuAddresses, region, "iommu-addresses", $"Cannot reserve IOVA region of 0 size (for {master.FullPath})");
                    continue;
                }
                var direct = phys != null && phys.Value.Start == iova.Value.Start && phys.Value.End == iova.Value.End;
                if (phys != null && !direct)
                    Observe(ObservationKind.IommuAddresses, region, "iommu-addresses",
                        $"treating non-direct mapping [{phys}] -> [{iova}] as reservation (for {master.FullPath})");
                result.Add(new IovaReservation(region.FullPath, iova.Value, direct));
            }
        }
        return result;
    }

    private void Observe(ObservationKind kind, Node node, string? property, string message) =>
        _observations.Add(new ModelObservation(kind, node.FullPath, property, message));
}
