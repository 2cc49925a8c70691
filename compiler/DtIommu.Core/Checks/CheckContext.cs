using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>What the checks work on: the tree, the phandle allocator and the options that change fixups.</summary>
public sealed class CheckContext
{
    /// <summary>Creates a context; <paramref name="outputName"/> is the <c>-o</c> argument (<c>-</c> or null means stdout).</summary>
    public CheckContext(DeviceTree tree, PhandleAllocator phandles, string? outputName = null, bool generateSymbols = false)
    {
        Tree = tree;
        Phandles = phandles;
        OutputName = outputName == null || outputName == "-" ? "<stdout>" : outputName;
        GenerateSymbols = generateSymbols;
    }

    /// <summary>The tree being checked and fixed up.</summary>
    public DeviceTree Tree { get; }

    /// <summary>The compilation's phandle allocator (explicit phandles are registered with it).</summary>
    public PhandleAllocator Phandles { get; }

    /// <summary>True with <c>-@</c>: labelled nodes survive <c>/omit-if-no-ref/</c>.</summary>
    public bool GenerateSymbols { get; set; }

    /// <summary>Where position-less messages point: the output file name, or <c>&lt;stdout&gt;</c>.</summary>
    public string OutputName { get; }

    /// <summary>True for <c>/plugin/</c> input, where unresolved references are left for the overlay fixups.</summary>
    public bool IsPlugin => Tree.IsPlugin;
}
