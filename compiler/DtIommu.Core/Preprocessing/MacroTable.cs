using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>The macros currently defined, by name.</summary>
internal sealed class MacroTable
{
    private readonly Dictionary<string, MacroDefinition> _macros = new(System.StringComparer.Ordinal);

    public MacroDefinition? Lookup(string name) => _macros.TryGetValue(name, out var m) ? m : null;

    public bool IsDefined(string name) => _macros.ContainsKey(name);

    public void Define(MacroDefinition macro) => _macros[macro.Name] = macro;

    public bool Undefine(string name) => _macros.Remove(name);
}
