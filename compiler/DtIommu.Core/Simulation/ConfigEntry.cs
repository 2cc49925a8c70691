namespace DtIommu.Simulation;

/// <summary>A device's configuration entry as the IOMMU reads it: present or not, mode, and domain.</summary>
/// <param name="Present">The entry is valid.</param>
/// <param name="Mode">Translate, bypass or abort.</param>
/// <param name="Domain">Domain the entry points to.</param>
public readonly record struct ConfigEntry(bool Present, ConfigMode Mode, uint Domain)
{
    /// <summary>A not-present entry.</summary>
    public static ConfigEntry NotPresent => default;

    /// <summary>A present entry translating through <paramref name="domain"/>.</summary>
    public static ConfigEntry Translating(uint domain) => new(true, ConfigMode.Translate, domain);
}
