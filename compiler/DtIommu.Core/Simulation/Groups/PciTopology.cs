using System.Collections.Generic;

namespace DtIommu.Simulation.Groups;

/// <summary>
/// The PCI functions of one segment. Functions are added in enumeration order (bridges before what is below them),
/// and each gets its isolation group when added, as Linux does at probe, so a hot-added function joins an existing group.
/// </summary>
public sealed class PciTopology
{
    private readonly List<PciFunction> _functions = [];
    private readonly Dictionary<string, PciFunction> _byName = [];
    private readonly Dictionary<ushort, PciFunction> _byRid = [];
    private readonly Dictionary<string, int> _groups = [];
    private int _nextGroup;

    /// <summary>All functions, in the order they were added.</summary>
    public IReadOnlyList<PciFunction> Functions => _functions;

    /// <summary>The function with this name, or null.</summary>
    public PciFunction? Find(string name) => _byName.TryGetValue(name, out var f) ? f : null;

    /// <summary>The function at this requester ID, or null.</summary>
    public PciFunction? AtRequesterId(uint rid) => rid <= 0xFFFF && _byRid.TryGetValue((ushort)rid, out var f) ? f : null;

    /// <summary>Adds a function and assigns its group; null on success, else why it cannot be added.</summary>
    public string? Add(PciFunction function)
    {
        if (_byName.ContainsKey(function.Name)) return $"a PCI function is already named '{function.Name}'";
        if (_byRid.TryGetValue(function.Address.RequesterId, out var other)) return $"{function.Address} is already '{other.Name}'";
        if (function.IsBridge && function.SecondaryBus == null) return $"bridge '{function.Name}' needs a secondary bus";
        if (function.IsBridge && function.SecondaryBus <= function.Address.Bus) return $"bridge '{function.Name}' has secondary bus {function.SecondaryBus} not below its own bus {function.Address.Bus}";
        if (function.Address.Bus != 0 && ParentOf(function.Address.Bus) == null) return $"no bridge has bus {function.Address.Bus:x2} below it";
        _functions.Add(function);
        _byName[function.Name] = function;
        _byRid[function.Address.RequesterId] = function;
        _groups[function.Name] = PciGrouping.FindGroup(this, function) ?? _nextGroup++;
        return null;
    }

    /// <summary>The isolation group number of a function added earlier.</summary>
    public int? GroupOf(PciFunction function) => _groups.TryGetValue(function.Name, out var g) ? g : null;

    /// <summary>The bridge whose bus range holds <paramref name="bus"/> most specifically; null for the root bus.</summary>
    public PciFunction? ParentOf(byte bus)
    {
        PciFunction? best = null;
        foreach (var f in _functions)
        {
            if (!f.IsBridge || f.SecondaryBus is not byte sec || bus < sec || bus > f.Subordinate) continue;
            if (best == null || sec > best.SecondaryBus) best = f;
        }
        return best;
    }

    /// <summary>The bridge directly above a function, or null on the root bus.</summary>
    public PciFunction? ParentOf(PciFunction function) => function.Address.Bus == 0 ? null : ParentOf(function.Address.Bus);
}
