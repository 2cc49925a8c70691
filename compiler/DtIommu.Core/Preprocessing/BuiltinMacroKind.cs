namespace DtIommu.Preprocessing;

/// <summary>Macros whose value cpp computes at each use rather than storing a replacement list.</summary>
internal enum BuiltinMacroKind
{
    /// <summary>An ordinary macro defined by <c>#define</c> or <c>-D</c>.</summary>
    None,
    /// <summary><c>__FILE__</c>: the quoted presumed file name.</summary>
    File,
    /// <summary><c>__LINE__</c>: the presumed line of the outermost expansion point.</summary>
    Line,
    /// <summary><c>__BASE_FILE__</c>: the quoted main file name.</summary>
    BaseFile,
    /// <summary><c>__INCLUDE_LEVEL__</c>: current include depth, 0 in the main file.</summary>
    IncludeLevel,
    /// <summary><c>__COUNTER__</c>: 0, 1, 2, ... one per use.</summary>
    Counter,
    /// <summary><c>__DATE__</c>: the build date as cpp spells it.</summary>
    Date,
    /// <summary><c>__TIME__</c>: the build time as cpp spells it.</summary>
    Time,
}
