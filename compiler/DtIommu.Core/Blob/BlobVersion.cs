namespace DtIommu.Blob;

/// <summary>The layout facts of one blob version (dtc's <c>version_table</c>).</summary>
public sealed record BlobVersion(int Version, int LastCompatibleVersion, int HeaderSize, bool FullPathNames,
    bool VariableAlignment, bool NameProperties, bool HasBootCpuId, bool HasStringsSize, bool HasStructSize)
{
    /// <summary>The versions dtc can write: 1, 2, 3, 16 and 17.</summary>
    public static BlobVersion? Find(int version) => version switch
    {
        1 => new(1, 1, 28, true, true, true, false, false, false),
        2 => new(2, 1, 32, true, true, true, true, false, false),
        3 => new(3, 1, 36, true, true, true, true, true, false),
        16 => new(16, 16, 36, false, false, false, true, true, false),
        17 => new(17, 16, 40, false, false, false, true, true, true),
        _ => null,
    };
}
