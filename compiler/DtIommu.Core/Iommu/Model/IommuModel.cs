using System.Collections.Generic;

namespace DtIommu.Iommu.Model;

/// <summary>Which device can DMA where, through which IOMMU, with which IDs: the model of one tree.</summary>
public sealed class IommuModel
{
    /// <summary>The IOMMU instances in tree order (TCE tables where their windows are).</summary>
    public List<IommuInstance> Instances { get; } = [];

    /// <summary>The DMA masters in tree order.</summary>
    public List<DmaMaster> Masters { get; } = [];

    /// <summary>RAM from <c>/memory</c> nodes, sorted.</summary>
    public List<AddressRange> Memory { get; } = [];

    /// <summary>Children of <c>/reserved-memory</c>.</summary>
    public List<ReservedRegion> Reserved { get; } = [];

    /// <summary><c>of_dma_get_max_cpu_address(NULL)</c>: the lowest CPU end of any <c>dma-ranges</c> (sizes ZONE_DMA); null when unbounded.</summary>
    public ulong? MaxDmaCpuAddress { get; set; }

    /// <summary>Findings for the linter, in discovery order.</summary>
    public List<ModelObservation> Observations { get; } = [];

    /// <summary>The instance at <paramref name="path"/>, or null.</summary>
    public IommuInstance? FindInstance(string path)
    {
        foreach (var i in Instances) if (i.Path == path) return i;
        return null;
    }

    /// <summary>The master at <paramref name="path"/>, or null.</summary>
    public DmaMaster? FindMaster(string path)
    {
        foreach (var m in Masters) if (m.Path == path) return m;
        return null;
    }
}
