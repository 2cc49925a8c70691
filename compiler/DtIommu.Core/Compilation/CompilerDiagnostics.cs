using DtIommu.Diagnostics;

namespace DtIommu.Compilation;

/// <summary>Messages of the compile pipeline outside the parser and the checks, declared once.</summary>
public static class CompilerDiagnostics
{
    /// <summary>Category of plain messages printed verbatim (dtc prints them without a position).</summary>
    public const string PlainCategory = "plain";

    /// <summary>A warning while generating or importing aliases, symbols and overlay fixup tables.</summary>
    public static readonly DiagnosticDescriptor TreeMessage = new("DT0010", "generated-node-warning",
        "Problem in generated or imported overlay tables", Severity.Warning,
        "A label already exists in /aliases or /__symbols__, or a pre-existing /__symbols__, /__fixups__ or /__local_fixups__ entry names a node, property or offset that does not exist.",
        PlainCategory);

    /// <summary>Category of plain messages that dtc prints without a final newline.</summary>
    public const string UnterminatedPlainCategory = "plain-unterminated";

    /// <summary>The same as <see cref="TreeMessage"/> for the two texts that dtc leaves without a newline.</summary>
    public static readonly DiagnosticDescriptor UnterminatedTreeMessage = new("DT0016", "generated-node-warning-no-newline",
        "Problem in generated or imported overlay tables", Severity.Warning,
        "A label already exists in /aliases or /__symbols__, or a /__symbols__ entry names a path with no node; dtc prints this warning without a newline.",
        UnterminatedPlainCategory);

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

    /// <summary>Category of a fatal error whose dtc text has no final newline (printed as <c>FATAL ERROR: </c> and the message only).</summary>
    public const string UnterminatedFatalCategory = "fatal-unterminated";

    /// <summary>The scanner could not read its input (a directory): flex's own message, exit status 2.</summary>
    public static readonly DiagnosticDescriptor ScannerInputFailed = new("DT0014", "scanner-input-failed",
        "Input in flex scanner failed", Severity.Error,
        "A source or /include/ names something that opens but cannot be read as a file, such as a directory.", PlainCategory);

    /// <summary>A fatal error that dtc prints without a newline (reading an /incbin/ file).</summary>
    public static readonly DiagnosticDescriptor UnterminatedFatal = new("DT0015", "fatal-error-no-newline",
        "Fatal error", Severity.Error,
        "dtc gave up; its message for this case ends without a newline.", UnterminatedFatalCategory);
}
