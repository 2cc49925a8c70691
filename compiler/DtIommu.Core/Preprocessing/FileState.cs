using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>A file being read: where reading is, the name and line numbering <c>#line</c> gave it, and its include guard.</summary>
internal sealed class FileState
{
    public FileState(SourceFile file, List<LogicalLine> lines, int dirIndex, int depth, long macroStamp)
    {
        File = file;
        Lines = lines;
        PresumedName = file.Path;
        DirIndex = dirIndex;
        Depth = depth;
        MacroStamp = macroStamp;
    }

    public SourceFile File { get; }

    public List<LogicalLine> Lines { get; }

    /// <summary>Index of the current logical line; -1 before the first.</summary>
    public int LineIndex { get; set; } = -1;

    public LogicalLine? Current { get; set; }

    /// <summary>Next token of <see cref="Current"/> to deliver.</summary>
    public int TokenIndex { get; set; }

    /// <summary>The current line starts with a <c>#</c> that is not a directive and is passed through as text.</summary>
    public bool PassThrough { get; set; }

    /// <summary>The file name diagnostics, markers and <c>__FILE__</c> use (changed by <c>#line</c>).</summary>
    public string PresumedName { get; set; }

    /// <summary>Presumed line minus physical line (changed by <c>#line</c>).</summary>
    public int LineDelta { get; set; }

    /// <summary>Search directory the file was found in, for <c>#include_next</c>; -1 for the main file or the includer's directory.</summary>
    public int DirIndex { get; }

    /// <summary>Include depth, 0 for the main file.</summary>
    public int Depth { get; }

    /// <summary>Count of macro definitions and removals when the file was entered: re-entering it with none since is an endless cycle.</summary>
    public long MacroStamp { get; }

    /// <summary>Include-guard detection: 0 nothing seen yet, 1 inside the guard group, 2 after it, -1 not guarded.</summary>
    public int GuardState { get; set; }

    /// <summary>The macro the guard group tests.</summary>
    public string? GuardMacro { get; set; }

    /// <summary>Conditional stack depth inside the guard group.</summary>
    public int GuardDepth { get; set; }

    /// <summary>The include lookups that found this file; a guard it turns out to have applies to each of them.</summary>
    public IReadOnlyList<string> GuardKeys { get; set; } = System.Array.Empty<string>();

    public int Presumed(int physicalLine) => physicalLine + LineDelta;
}
