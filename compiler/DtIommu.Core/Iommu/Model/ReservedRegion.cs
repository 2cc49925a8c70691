using System.Collections.Generic;

namespace DtIommu.Iommu.Model;

/// <summary>One <c>iommu-addresses</c> entry as written (device, IOVA, size).</summary>
/// <param name="DevicePath">The device the entry names, or null when its phandle does not resolve.</param>
/// <param name="Iova">The IOVA range, or null when it does not translate or has size 0.</param>
public sealed record IommuAddressEntry(string? DevicePath, AddressRange? Iova);

/// <summary>A child of <c>/reserved-memory</c>.</summary>
public sealed class ReservedRegion
{
    /// <summary>The node path.</summary>
    public string Path { get; init; } = "";

    /// <summary>The CPU ranges of <c>reg</c> (translated through <c>ranges</c>).</summary>
    public List<AddressRange> Ranges { get; } = [];

    /// <summary>The <c>size</c> of a dynamically placed region, or null.</summary>
    public ulong? DynamicSize { get; init; }

    /// <summary><c>no-map</c>: the OS must not map it.</summary>
    public bool NoMap { get; init; }

    /// <summary><c>reusable</c>.</summary>
    public bool Reusable { get; init; }

    /// <summary><c>compatible</c> strings (<c>shared-dma-pool</c>, <c>restricted-dma-pool</c>, ...).</summary>
    public IReadOnlyList<string> Compatible { get; init; } = [];

    /// <summary>The <c>iommu-addresses</c> entries.</summary>
    public List<IommuAddressEntry> IommuAddresses { get; } = [];

    /// <summary>Masters naming this region in <c>memory-region</c>.</summary>
    public List<string> Users { get; } = [];
}
