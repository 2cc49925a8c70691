using System.Collections.Generic;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>What <c>of_map_id</c> returned.</summary>
public enum MapIdStatus
{
    /// <summary>The map is absent: with a target requested Linux returns -ENODEV (no IOMMU).</summary>
    NoMap,
    /// <summary>-EINVAL: length 0 or not a multiple of 16 bytes.</summary>
    BadLength,
    /// <summary>-EFAULT: an entry's id-base has bits outside the mask (checked only up to the match).</summary>
    MaskIgnoresBase,
    /// <summary>-ENODEV: the matching entry's phandle resolves to no node.</summary>
    PhandleNotFound,
    /// <summary>Matched: <see cref="MapIdResult.Target"/> and <see cref="MapIdResult.Id"/> are set.</summary>
    Matched,
    /// <summary>No entry matches: returns 0 with no target ("bypass"), the ID unchanged.</summary>
    NoMatch,
}

/// <summary>The result of one <c>of_map_id</c> call.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Target">The IOMMU node on a match.</param>
/// <param name="Id">The output ID (the input ID when not matched).</param>
/// <param name="EntryIndex">The matching or failing entry, or -1.</param>
/// <param name="Message">Linux's message for failures and bypasses.</param>
public readonly record struct MapIdResult(MapIdStatus Status, Node? Target, uint Id, int EntryIndex, string? Message);

/// <summary>Linux's <c>of_map_id</c> (drivers/of/base.c:2132-2216) over <c>iommu-map</c>/<c>iommu-map-mask</c>.</summary>
public sealed class IommuMapResolver
{
    private readonly TreeIndex _index;

    /// <summary>Creates a resolver over an indexed tree.</summary>
    public IommuMapResolver(TreeIndex index) => _index = index;

    /// <summary>Maps <paramref name="id"/> through <paramref name="mapName"/> of <paramref name="node"/> exactly as Linux does.</summary>
    public MapIdResult MapId(Node node, uint id, string mapName = "iommu-map", string maskName = "iommu-map-mask")
    {
        var prop = node.GetProperty(mapName);
        var map = prop == null ? null : TreeIndex.Cells(prop);
        return MapId(node, id, mapName, prop?.Value.Length ?? 0, map, TreeIndex.ReadU32(node, maskName) ?? 0xffffffffu);
    }

    private MapIdResult MapId(Node node, uint id, string mapName, int length, uint[]? map, uint mask)
    {
        if (map == null) return new MapIdResult(MapIdStatus.NoMap, null, id, -1, null);
        if (length == 0 || length % 16 != 0)
            return new MapIdResult(MapIdStatus.BadLength, null, id, -1, $"{node.FullPath}: Error: Bad {mapName} length: {length}");
        var masked = id & mask;
        for (var i = 0; i + 4 <= map.Length; i += 4)
        {
            var idBase = map[i];
            var phandle = map[i + 1];
            var outBase = map[i + 2];
            var idLen = map[i + 3];
            if ((idBase & ~mask) != 0)
                return new MapIdResult(MapIdStatus.MaskIgnoresBase, null, id, i / 4,
                    $"{node.FullPath}: Invalid {mapName} translation - {mapName}-mask (0x{mask:x}) ignores id-base (0x{idBase:x})");
            // u32 arithmetic, as in the kernel: id_base + id_len may wrap.
            if (masked < idBase || masked >= unchecked(idBase + idLen)) continue;
            var target = _index.ByPhandle(phandle);
            if (target == null)
                return new MapIdResult(MapIdStatus.PhandleNotFound, null, id, i / 4, $"{node.FullPath}: {mapName} entry {i / 4}: could not find phandle {phandle}");
            return new MapIdResult(MapIdStatus.Matched, target, unchecked(masked - idBase + outBase), i / 4, null);
        }
        return new MapIdResult(MapIdStatus.NoMatch, null, id, -1, $"{node.FullPath}: no {mapName} translation for id 0x{id:x}");
    }

    /// <summary>
    /// Runs <see cref="MapId(DtIommu.Model.Node, uint, string, string)"/> for every ID in <c>[first, last]</c> and compresses the results into runs of
    /// consecutive IDs that share an outcome, target and map entry.
    /// </summary>
    public List<RidRange> MapRange(Node node, uint first, uint last)
    {
        var runs = new List<RidRange>();
        RidRange? cur = null;
        // The map is read once: a host bridge's bus range can be 65536 RIDs.
        var prop = node.GetProperty("iommu-map");
        var map = prop == null ? null : TreeIndex.Cells(prop);
        var length = prop?.Value.Length ?? 0;
        var mask = TreeIndex.ReadU32(node, "iommu-map-mask") ?? 0xffffffffu;
        for (var rid = first; ; rid++)
        {
            var r = MapId(node, rid, "iommu-map", length, map, mask);
            var outcome = r.Status switch
            {
                MapIdStatus.Matched => RidOutcome.Translated,
                MapIdStatus.NoMatch => RidOutcome.Bypass,
                MapIdStatus.NoMap => RidOutcome.NoMap,
                _ => RidOutcome.Error,
            };
            var path = r.Target?.FullPath;
            // One entry maps its RIDs with one formula ((rid & mask) - base + out), so a run is kept per entry.
            if (cur != null && cur.Outcome == outcome && cur.IommuPath == path && cur.EntryIndex == r.EntryIndex)
                cur = cur with { Last = rid, LastId = r.Id };
            else
            {
                if (cur != null) runs.Add(cur);
                cur = new RidRange(rid, rid, outcome, path, r.Id, r.Id, r.EntryIndex);
            }
            if (rid == last) break;
        }
        if (cur != null) runs.Add(cur);
        return runs;
    }
}
