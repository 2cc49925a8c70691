using System.Collections.Generic;
using DtIommu.Diagnostics;

namespace DtIommu.Preprocessing;

/// <summary>What preprocessing produced: text with GCC-style line markers, the files read, and the diagnostics.</summary>
/// <param name="Text">The preprocessed text, with <c># LINE "FILE" FLAGS</c> markers exactly where cpp puts them.</param>
/// <param name="Dependencies">Every file read, main file first, in first-read order, spelled as cpp's -M prints them.</param>
/// <param name="Diagnostics">Errors and warnings, located in the original files.</param>
/// <param name="Success">False when any error was reported.</param>
public sealed record PreprocessorResult(
    string Text,
    IReadOnlyList<string> Dependencies,
    IReadOnlyList<Diagnostic> Diagnostics,
    bool Success);
