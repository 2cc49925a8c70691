namespace DtIommu.Simulation.Vtd;

/// <summary>One bus's 256 context entries indexed by devfn; its existence is what sets the root entry's present bit.</summary>
public sealed class ContextTable
{
    private readonly ConfigEntry[] _entries = new ConfigEntry[256];

    /// <summary>The context entry of <paramref name="devfn"/>.</summary>
    public ConfigEntry this[int devfn]
    {
        get => _entries[devfn & 0xFF];
        set => _entries[devfn & 0xFF] = value;
    }
}
