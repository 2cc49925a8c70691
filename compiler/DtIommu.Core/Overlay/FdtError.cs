namespace DtIommu.Overlay;

/// <summary>libfdt's error numbers (returned negated, as libfdt does) and the names fdt_strerror prints for them.</summary>
public static class FdtError
{
    /// <summary>The requested node or property does not exist.</summary>
    public const int NotFound = -1;
    /// <summary>The node to add already exists.</summary>
    public const int Exists = -2;
    /// <summary>The buffer is too small for the change.</summary>
    public const int NoSpace = -3;
    /// <summary>An offset does not point at the expected tag.</summary>
    public const int BadOffset = -4;
    /// <summary>A path is malformed or names a missing alias.</summary>
    public const int BadPath = -5;
    /// <summary>A phandle value is 0, -1 or unknown.</summary>
    public const int BadPhandle = -6;
    /// <summary>The blob is truncated.</summary>
    public const int Truncated = -8;
    /// <summary>The blob has no device-tree magic.</summary>
    public const int BadMagic = -9;
    /// <summary>The blob's version is unsupported.</summary>
    public const int BadVersion = -10;
    /// <summary>The structure block is corrupt.</summary>
    public const int BadStructure = -11;
    /// <summary>The blocks are not in the order read-write access needs.</summary>
    public const int BadLayout = -12;
    /// <summary>libfdt met a state it never expects.</summary>
    public const int Internal = -13;
    /// <summary>A property value is malformed.</summary>
    public const int BadValue = -15;
    /// <summary>The overlay is malformed.</summary>
    public const int BadOverlay = -16;
    /// <summary>The phandle space is exhausted.</summary>
    public const int NoPhandles = -17;

    private static readonly string?[] Names =
    [
        null, "FDT_ERR_NOTFOUND", "FDT_ERR_EXISTS", "FDT_ERR_NOSPACE", "FDT_ERR_BADOFFSET", "FDT_ERR_BADPATH",
        "FDT_ERR_BADPHANDLE", "FDT_ERR_BADSTATE", "FDT_ERR_TRUNCATED", "FDT_ERR_BADMAGIC", "FDT_ERR_BADVERSION",
        "FDT_ERR_BADSTRUCTURE", "FDT_ERR_BADLAYOUT", "FDT_ERR_INTERNAL", "FDT_ERR_BADNCELLS", "FDT_ERR_BADVALUE",
        "FDT_ERR_BADOVERLAY", "FDT_ERR_NOPHANDLES", "FDT_ERR_BADFLAGS",
    ];

    /// <summary>The text fdt_strerror gives for <paramref name="error"/>.</summary>
    public static string Describe(int error)
    {
        if (error > 0) return "<valid offset/length>";
        if (error == 0) return "<no error>";
        if (-error < Names.Length && Names[-error] is { } s) return s;
        return "<unknown error>";
    }
}
