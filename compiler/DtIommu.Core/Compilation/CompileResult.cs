using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Compilation;

/// <summary>The outcome of one dtc-style compilation.</summary>
/// <param name="ExitCode">dtc's exit status: 0 success, 1 fatal or parse error, 2 check errors.</param>
/// <param name="Output">The output bytes, or null when nothing is to be written.</param>
/// <param name="Dependencies">The dependency-file text (<c>-d</c>), or null.</param>
/// <param name="Diagnostics">Every message in the order dtc would print it.</param>
/// <param name="Tree">The final tree, when one was built.</param>
/// <param name="OpenedFiles">Every source, include, header and incbin read.</param>
public sealed record CompileResult(int ExitCode, byte[]? Output, string? Dependencies,
    IReadOnlyList<Diagnostic> Diagnostics, DeviceTree? Tree, IReadOnlyList<string> OpenedFiles);
