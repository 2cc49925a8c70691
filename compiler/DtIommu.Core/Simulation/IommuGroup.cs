using System.Collections.Generic;

namespace DtIommu.Simulation;

/// <summary>Masters that cannot be isolated from each other: they attach to domains together.</summary>
public sealed class IommuGroup
{
    private readonly List<PlatformMaster> _members = [];

    /// <summary>Creates a group with its default domain.</summary>
    public IommuGroup(int id, string iommu, uint defaultDomain)
    {
        Id = id;
        Iommu = iommu;
        DefaultDomain = defaultDomain;
        CurrentDomain = defaultDomain;
    }

    /// <summary>Group number, in creation order.</summary>
    public int Id { get; }

    /// <summary>The IOMMU the group's masters are behind.</summary>
    public string Iommu { get; }

    /// <summary>Stands for the driver's identity domain (DMA addresses are physical addresses) wherever a domain ID is expected.</summary>
    public const uint IdentityDomain = uint.MaxValue;

    /// <summary>The domain the group returns to when detached.</summary>
    public uint DefaultDomain { get; internal set; }

    /// <summary>The domain the group is attached to.</summary>
    public uint CurrentDomain { get; internal set; }

    /// <summary>Members in the order they joined.</summary>
    public IReadOnlyList<PlatformMaster> Members => _members;

    internal void Add(PlatformMaster master) => _members.Add(master);
}
