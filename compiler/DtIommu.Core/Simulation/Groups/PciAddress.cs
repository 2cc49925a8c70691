using System.Globalization;

namespace DtIommu.Simulation.Groups;

/// <summary>A PCI bus:device.function; its requester ID is <c>bus &lt;&lt; 8 | device &lt;&lt; 3 | function</c>.</summary>
/// <param name="Bus">Bus number.</param>
/// <param name="Device">Device (slot) number, 0..31.</param>
/// <param name="Function">Function number, 0..7.</param>
public readonly record struct PciAddress(byte Bus, byte Device, byte Function)
{
    /// <summary>The 16-bit requester ID.</summary>
    public ushort RequesterId => (ushort)((Bus << 8) | ((Device & 0x1F) << 3) | (Function & 7));

    /// <summary>The address of a requester ID.</summary>
    public static PciAddress FromRequesterId(uint rid) => new((byte)(rid >> 8), (byte)((rid >> 3) & 0x1F), (byte)(rid & 7));

    /// <summary>Parses <c>BB:DD.F</c> (hexadecimal bus and device, as lspci prints them).</summary>
    public static bool TryParse(string text, out PciAddress address)
    {
        address = default;
        int colon = text.IndexOf(':'), dot = text.IndexOf('.');
        if (colon <= 0 || dot <= colon + 1 || dot == text.Length - 1) return false;
        if (!byte.TryParse(text.Substring(0, colon), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bus)) return false;
        if (!byte.TryParse(text.Substring(colon + 1, dot - colon - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var dev) || dev > 0x1F) return false;
        if (!byte.TryParse(text.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var fn) || fn > 7) return false;
        address = new PciAddress(bus, dev, fn);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Bus:x2}:{Device:x2}.{Function}";
}
