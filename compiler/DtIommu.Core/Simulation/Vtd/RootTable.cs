namespace DtIommu.Simulation.Vtd;

/// <summary>The 256 root entries indexed by bus; a bus gets a context table the first time a device on it is programmed.</summary>
public sealed class RootTable
{
    private readonly ContextTable?[] _buses = new ContextTable?[256];

    /// <summary>The bus's context table, or null when its root entry is not present.</summary>
    public ContextTable? this[int bus] => _buses[bus & 0xFF];

    /// <summary>The bus's context table, allocated (and the root entry made present) on first use.</summary>
    public ContextTable GetOrCreate(int bus) => _buses[bus & 0xFF] ??= new ContextTable();
}
