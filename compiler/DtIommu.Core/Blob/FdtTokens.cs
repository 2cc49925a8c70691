namespace DtIommu.Blob;

/// <summary>The flattened-tree structure tokens and magic.</summary>
public static class FdtTokens
{
    /// <summary>Blob magic number.</summary>
    public const uint Magic = 0xd00dfeed;
    /// <summary>Start of a node.</summary>
    public const uint BeginNode = 1;
    /// <summary>End of a node.</summary>
    public const uint EndNode = 2;
    /// <summary>A property.</summary>
    public const uint Prop = 3;
    /// <summary>No operation.</summary>
    public const uint Nop = 4;
    /// <summary>End of the structure block.</summary>
    public const uint End = 9;
}
