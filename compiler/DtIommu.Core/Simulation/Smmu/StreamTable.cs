using System.Collections.Generic;

namespace DtIommu.Simulation.Smmu;

/// <summary>The SMMUv3 stream table: one STE per stream ID in use, with the master that owns it.</summary>
public sealed class StreamTable
{
    private readonly Dictionary<uint, (ConfigEntry Ste, string Owner)> _entries = [];

    /// <summary>Creates a table spanning 2^<paramref name="streamIdBits"/> stream IDs.</summary>
    public StreamTable(int streamIdBits) => StreamIdBits = streamIdBits;

    /// <summary>SIDSIZE.</summary>
    public int StreamIdBits { get; }

    /// <summary>True when the stream ID is inside the table (arm_smmu_sid_in_range).</summary>
    public bool InRange(uint streamId) => StreamIdBits >= 32 || (streamId >> StreamIdBits) == 0;

    /// <summary>The master owning <paramref name="streamId"/>, or null.</summary>
    public string? OwnerOf(uint streamId) => _entries.TryGetValue(streamId, out var e) ? e.Owner : null;

    /// <summary>The STE of <paramref name="streamId"/>; not present when no master owns it.</summary>
    public ConfigEntry this[uint streamId] => _entries.TryGetValue(streamId, out var e) ? e.Ste : ConfigEntry.NotPresent;

    /// <summary>Writes the STE of a stream owned by <paramref name="owner"/>.</summary>
    public void Write(uint streamId, string owner, ConfigEntry ste) => _entries[streamId] = (ste, owner);
}
