using System;

namespace DtIommu.Diagnostics;

/// <summary>
/// An error after which dtc gives up at once (its <c>die()</c>): a missing file, a malformed blob, a bad option.
/// Thrown inside the compiler and turned into a diagnostic at the compilation boundary, never shown as a trace.
/// </summary>
public sealed class FatalCompilationException : Exception
{
    /// <summary>Creates the exception with dtc's message text (without the <c>FATAL ERROR:</c> prefix).</summary>
    public FatalCompilationException(string message) : base(message)
    {
    }

    /// <summary>dtc's exit status: 1 for <c>die()</c>, 2 when its flex scanner gives up on unreadable input.</summary>
    public int ExitCode { get; init; } = 1;

    /// <summary>False for the scanner's own fatal error, which flex prints bare, without <c>FATAL ERROR:</c>.</summary>
    public bool Prefixed { get; init; } = true;

    /// <summary>False where dtc's <c>die()</c> format has no newline, so the message runs into whatever follows.</summary>
    public bool EndsLine { get; init; } = true;
}
