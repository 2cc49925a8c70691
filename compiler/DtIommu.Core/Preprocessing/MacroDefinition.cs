using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Preprocessing;

/// <summary>One macro: its parameters and replacement list, with parameters already turned into argument references.</summary>
internal sealed class MacroDefinition
{
    public MacroDefinition(string name, bool isFunctionLike, IReadOnlyList<string> parameters, bool isVariadic,
        List<PpToken> body, SourceSpan? location, BuiltinMacroKind builtin = BuiltinMacroKind.None)
    {
        Name = name;
        IsFunctionLike = isFunctionLike;
        Parameters = parameters;
        IsVariadic = isVariadic;
        Body = body;
        Location = location;
        Builtin = builtin;
    }

    public string Name { get; }

    public bool IsFunctionLike { get; }

    /// <summary>Parameter names; the variadic one is last (<c>__VA_ARGS__</c> or a GNU named rest parameter).</summary>
    public IReadOnlyList<string> Parameters { get; }

    public bool IsVariadic { get; }

    public List<PpToken> Body { get; }

    /// <summary>Where the macro was defined; null for built-in and predefined macros.</summary>
    public SourceSpan? Location { get; }

    public BuiltinMacroKind Builtin { get; }

    /// <summary>True while the macro's own expansion is being rescanned, so that its name is not expanded again.</summary>
    public bool Disabled { get; set; }

    /// <summary>Whether a redefinition with <paramref name="other"/> is benign (same parameters, same spelling and spacing).</summary>
    public bool SameAs(MacroDefinition other)
    {
        if (IsFunctionLike != other.IsFunctionLike || IsVariadic != other.IsVariadic || Builtin != other.Builtin) return false;
        if (Parameters.Count != other.Parameters.Count || Body.Count != other.Body.Count) return false;
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i] != other.Parameters[i]) return false;
        for (int i = 0; i < Body.Count; i++)
        {
            var a = Body[i];
            var b = other.Body[i];
            if (a.Kind != b.Kind || a.Text != b.Text || a.Stringify != b.Stringify || a.PasteLeft != b.PasteLeft) return false;
            if (i > 0 && a.PrevWhite != b.PrevWhite) return false;
        }
        return true;
    }
}
