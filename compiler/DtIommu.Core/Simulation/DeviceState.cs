namespace DtIommu.Simulation;

/// <summary>What an IOMMU keeps about a master beyond its configuration entry: its device TLB (ATS) and what kind of virtual device it is.</summary>
internal sealed class DeviceState
{
    public DeviceState(string name, Iotlb? atc, VirtualDevice kind)
    {
        Name = name;
        Atc = atc;
        Virtual = kind;
    }

    /// <summary>Master name.</summary>
    public string Name { get; }

    /// <summary>The master's ATS translation cache, or null without ATS.</summary>
    public Iotlb? Atc { get; }

    /// <summary>Emulated or assigned behind a virtual IOMMU.</summary>
    public VirtualDevice Virtual { get; }
}
