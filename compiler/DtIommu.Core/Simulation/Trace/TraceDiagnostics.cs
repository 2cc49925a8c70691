using DtIommu.Diagnostics;

namespace DtIommu.Simulation.Trace;

/// <summary>Every diagnostic the DMA trace parser and replayer report (codes DT0300..DT0399), declared once.</summary>
public static class TraceDiagnostics
{
    private const string Category = "trace";

    /// <summary>A line that is not a sequence of words.</summary>
    public static readonly DiagnosticDescriptor Syntax = new("DT0300", "trace-syntax", "Malformed trace line", Severity.Error,
        "Each trace line is a keyword followed by whitespace-separated arguments; '#' starts a comment.", Category);

    /// <summary>Unknown statement keyword.</summary>
    public static readonly DiagnosticDescriptor UnknownStatement = new("DT0301", "trace-unknown-statement", "Unknown trace statement", Severity.Error,
        "Statements are iommu, window, pci, master, attach, detach, map, unmap, access, invalidate, ddw, timer and free.", Category);

    /// <summary>A number that does not parse or overflows.</summary>
    public static readonly DiagnosticDescriptor BadNumber = new("DT0302", "trace-bad-number", "Invalid number", Severity.Error,
        "Numbers are decimal or 0x-prefixed hexadecimal, optionally followed by K, M, G or T (powers of 1024), and must fit 64 bits.", Category);

    /// <summary>A positional argument is missing.</summary>
    public static readonly DiagnosticDescriptor MissingArgument = new("DT0303", "trace-missing-argument", "Missing argument", Severity.Error,
        "The statement needs more arguments; see the trace language description in examples/traces/README.md.", Category);

    /// <summary>More positional arguments than the statement takes.</summary>
    public static readonly DiagnosticDescriptor UnexpectedArgument = new("DT0304", "trace-unexpected-argument", "Unexpected argument", Severity.Error,
        "Remove the extra argument or write it as key=value if it is an option.", Category);

    /// <summary>An option the statement or IOMMU kind does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownOption = new("DT0305", "trace-unknown-option", "Unknown option", Severity.Error,
        "Each statement and IOMMU kind accepts a fixed set of key=value options and flags.", Category);

    /// <summary>A keyword argument with a value outside its set.</summary>
    public static readonly DiagnosticDescriptor BadValue = new("DT0306", "trace-bad-value", "Invalid value", Severity.Error,
        "The value is not one of those the argument accepts.", Category);

    /// <summary>A name declared twice.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = new("DT0307", "trace-duplicate-name", "Name declared twice", Severity.Error,
        "IOMMU, PCI function and master names must be unique within a trace.", Category);

    /// <summary>IOMMU parameters that describe no real hardware.</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = new("DT0308", "trace-invalid-configuration", "Impossible IOMMU parameters", Severity.Error,
        "The parameters are outside what the hardware allows (domain count, address width, window alignment, ...).", Category);

    /// <summary>Reference to an IOMMU neither the trace nor the platform has.</summary>
    public static readonly DiagnosticDescriptor UnknownIommu = new("DT0310", "trace-unknown-iommu", "Unknown IOMMU", Severity.Error,
        "Declare the IOMMU with an 'iommu' line first, or replay against a platform that has it.", Category);

    /// <summary>Reference to a master neither the trace nor the platform has.</summary>
    public static readonly DiagnosticDescriptor UnknownMaster = new("DT0311", "trace-unknown-master", "Unknown master", Severity.Error,
        "Declare the master with a 'master' line first, or replay against a platform that has it.", Category);

    /// <summary>An invalidation kind the master's IOMMU does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownInvalidation = new("DT0312", "trace-unknown-invalidation", "Invalidation the IOMMU does not have", Severity.Error,
        "Each IOMMU kind has its own invalidation commands: vtd iotlb-*/context-*, smmu-v2 tlbi-*, smmu-v3 tlbi-*/cfgi-*, single-master zap-*; tce has none.", Category);

    /// <summary>A statement that only applies to another IOMMU kind.</summary>
    public static readonly DiagnosticDescriptor WrongIommuKind = new("DT0313", "trace-wrong-iommu-kind", "Statement does not apply to this IOMMU kind", Severity.Error,
        "window and ddw apply to tce IOMMUs only.", Category);

    /// <summary>All descriptors, in code order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    [
        Syntax, UnknownStatement, BadNumber, MissingArgument, UnexpectedArgument, UnknownOption, BadValue, DuplicateName,
        InvalidConfiguration, UnknownIommu, UnknownMaster, UnknownInvalidation, WrongIommuKind,
    ];
}
