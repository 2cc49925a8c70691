using System.Runtime.CompilerServices;

namespace DtIommu.Simulation;

/// <summary>The leaf entry encoding every simulator shares: page address in bits 63:12, bit0 read, bit1 write (VT-d second-level PTE and TCE agree on this).</summary>
public static class Pte
{
    /// <summary>Bits that hold the page address.</summary>
    public const ulong AddressMask = ~0xFFFUL;

    /// <summary>Marks a block (superpage) leaf above the 4 KiB level, as the VT-d PS bit (bit 7) does.</summary>
    public const ulong BlockBit = 0x80;

    /// <summary>Builds an entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Make(ulong physical, DmaPermission permission) => (physical & AddressMask) | (byte)permission;

    /// <summary>Permission bits of an entry; an entry with none is not present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DmaPermission Permission(ulong entry) => (DmaPermission)(entry & 3);

    /// <summary>True when the entry grants any access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPresent(ulong entry) => (entry & 3) != 0;

    /// <summary>True when the entry allows <paramref name="direction"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Allows(ulong entry, DmaDirection direction) => (entry & (byte)direction) != 0;
}
