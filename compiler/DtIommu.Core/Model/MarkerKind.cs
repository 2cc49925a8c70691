namespace DtIommu.Model;

/// <summary>What a <see cref="Marker"/> records at an offset of a property value (dtc's <c>enum markertype</c>).</summary>
public enum MarkerKind
{
    /// <summary>An untyped chunk (the contents of <c>/incbin/</c>): printed by guessing its type.</summary>
    TypeNone,
    /// <summary>A phandle reference whose 4 bytes are filled in by the phandle fixup.</summary>
    RefPhandle,
    /// <summary>A path reference whose full path is inserted by the path fixup.</summary>
    RefPath,
    /// <summary>A label on a position inside the value.</summary>
    Label,
    /// <summary>Start of a <c>[...]</c> byte chunk.</summary>
    TypeUint8,
    /// <summary>Start of a <c>/bits/ 16</c> cell chunk.</summary>
    TypeUint16,
    /// <summary>Start of a 32-bit cell chunk.</summary>
    TypeUint32,
    /// <summary>Start of a <c>/bits/ 64</c> cell chunk.</summary>
    TypeUint64,
    /// <summary>Start of a string chunk.</summary>
    TypeString,
}

/// <summary>Helpers on <see cref="MarkerKind"/>.</summary>
public static class MarkerKindExtensions
{
    /// <summary>True for the markers that start a typed chunk.</summary>
    public static bool IsType(this MarkerKind kind) => kind >= MarkerKind.TypeUint8;

    /// <summary>Element width in bytes of a type marker (1 for bytes and strings).</summary>
    public static int ElementSize(this MarkerKind kind) => kind switch
    {
        MarkerKind.TypeUint16 => 2,
        MarkerKind.TypeUint32 => 4,
        MarkerKind.TypeUint64 => 8,
        _ => 1,
    };
}
