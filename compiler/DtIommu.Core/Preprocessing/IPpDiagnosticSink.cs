using DtIommu.Diagnostics;

namespace DtIommu.Preprocessing;

/// <summary>Receives diagnostics located at a token (or at the current directive when the token is null).</summary>
internal interface IPpDiagnosticSink
{
    void Report(DiagnosticDescriptor descriptor, PpToken? at, string message);
}
