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
}
