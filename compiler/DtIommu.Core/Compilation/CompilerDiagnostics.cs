using DtIommu.Diagnostics;

namespace DtIommu.Compilation;

/// <summary>Messages of the compile pipeline outside the parser and the checks, declared once.</summary>
public static class CompilerDiagnostics
{
    /// <summary>Category of plain messages printed verbatim (dtc prints them without a position).</summary>
    public const string PlainCategory = "plain";

    /// <summary><c>-A</c>/<c>-@</c> met a label name already used in the target node.</summary>
    public static readonly DiagnosticDescriptor LabelAlreadyExists = new("DT0010", "label-already-exists",
        "Label already exists in generated node", Severity.Warning,
        "Two nodes carry the same label name after deletes, or /aliases already has a property of that name; the first one is kept.",
        PlainCategory);

    /// <summary><c>-S</c> was smaller than the blob.</summary>
    public static readonly DiagnosticDescriptor BlobLargerThanMinimum = new("DT0011", "blob-size",
        "Blob larger than the minimum size", Severity.Warning,
        "The blob is already at least as large as the size asked for with -S; no padding is added.", PlainCategory);

    /// <summary>Output written although checks failed (<c>-f</c>).</summary>
    public static readonly DiagnosticDescriptor OutputForced = new("DT0012", "output-forced",
        "Output forced despite errors", Severity.Warning,
        "The input tree has errors, but -f asked for the output anyway.", PlainCategory);

    /// <summary>Checks failed and output was not written.</summary>
    public static readonly DiagnosticDescriptor TreeHasErrors = new("DT0013", "tree-has-errors",
        "Input tree has errors", Severity.Error,
        "At least one error-level check failed; use -f to write the output anyway.", PlainCategory);
}
