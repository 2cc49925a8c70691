using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>The per-node body of a check, called for every live node in pre-order.</summary>
/// <param name="run">The running check, which reports failures.</param>
/// <param name="node">The node being visited.</param>
public delegate void CheckBody(CheckRun run, Node node);

/// <summary>One of dtc's checks: its name, default level, prerequisites and body.</summary>
public sealed class Check
{
    internal Check(int index, int codeIndex, string name, bool warn, bool error, string title, CheckBody? body)
    {
        Index = index;
        Name = name;
        DefaultWarning = warn;
        DefaultError = error;
        Body = body;
        _codeIndex = codeIndex;
        _title = title;
    }

    private readonly int _codeIndex;
    private readonly string _title;
    private DiagnosticDescriptor? _descriptor;

    /// <summary>Position in the check table (execution order).</summary>
    public int Index { get; }

    /// <summary>dtc's check name, as used with <c>-W</c> and <c>-E</c>.</summary>
    public string Name { get; }

    /// <summary>True when dtc enables the check as a warning by default.</summary>
    public bool DefaultWarning { get; }

    /// <summary>True when dtc enables the check as an error by default.</summary>
    public bool DefaultError { get; }

    /// <summary>Checks that must pass before this one runs.</summary>
    public IReadOnlyList<Check> Prerequisites => PrerequisiteList;

    internal List<Check> PrerequisiteList { get; } = [];

    /// <summary>The descriptor every diagnostic of this check refers to.</summary>
    public DiagnosticDescriptor Descriptor => System.Threading.LazyInitializer.EnsureInitialized(ref _descriptor, CreateDescriptor)!;

    // Made on first use (one instance even under parallel batch compiles): a compile that reports nothing never
    // needs the seventy help texts.
    private DiagnosticDescriptor CreateDescriptor()
    {
        var severity = DefaultError ? Severity.Error : DefaultWarning ? Severity.Warning : Severity.Off;
        return new DiagnosticDescriptor(
            "DT" + (2001 + _codeIndex).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name, _title, severity,
            _title + ". This is dtc's '" + Name + "' check; change its level with -W " + Name + ", -W no-" + Name +
            ", -E " + Name + " or -E no-" + Name + ".",
            "dtc-check");
    }

    internal CheckBody? Body { get; }

    /// <summary>
    /// <see cref="NodeFilter"/> bits of the properties without which the body does nothing on a node; 0 when every
    /// node must be visited.
    /// </summary>
    internal ulong Interest { get; set; }

    /// <summary>Node flags of which one suffices for a visit (together with <see cref="Interest"/>).</summary>
    internal NodeFilter.Flags InterestFlags { get; set; }

    /// <summary>Node flags that must all be present for a visit.</summary>
    internal NodeFilter.Flags RequiredFlags { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Outcome of one check during a run (dtc's <c>enum checkstatus</c>).</summary>
public enum CheckStatus
{
    /// <summary>Not run yet.</summary>
    Unchecked = 0,
    /// <summary>Skipped because a prerequisite did not pass.</summary>
    Prerequisite,
    /// <summary>Ran without a failure.</summary>
    Passed,
    /// <summary>Reported at least one failure (even if the report was not shown).</summary>
    Failed,
}
