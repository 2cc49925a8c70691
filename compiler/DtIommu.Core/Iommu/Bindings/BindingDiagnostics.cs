using DtIommu.Diagnostics;

namespace DtIommu.Iommu.Bindings;

/// <summary>The descriptors of binding-file problems (codes DT0400..DT0499).</summary>
public static class BindingDiagnostics
{
    private const string Category = "bindings";

    /// <summary>The file does not follow the statement syntax.</summary>
    public static readonly DiagnosticDescriptor Syntax = new(
        "DT0400", "binding-syntax", "Syntax error in binding file", Severity.Error,
        "Binding files are statements ending in ';' or a braced block; see bindings/README.md.", Category);

    /// <summary>A statement keyword is not known where it appears.</summary>
    public static readonly DiagnosticDescriptor UnknownStatement = new(
        "DT0401", "binding-unknown-statement", "Unknown statement in binding file", Severity.Error,
        "Only the statements listed in bindings/README.md are allowed at each level.", Category);

    /// <summary>A statement has the wrong terms.</summary>
    public static readonly DiagnosticDescriptor BadValue = new(
        "DT0402", "binding-bad-value", "Malformed statement or value in binding file", Severity.Error,
        "The statement's terms do not have the expected shape; see bindings/README.md.", Category);

    /// <summary>Something is declared twice.</summary>
    public static readonly DiagnosticDescriptor Duplicate = new(
        "DT0403", "binding-duplicate", "Duplicate declaration in binding file", Severity.Error,
        "Binding names, specifier layouts, fields and parameters must be unique in their scope.", Category);

    /// <summary>A required statement is missing.</summary>
    public static readonly DiagnosticDescriptor Missing = new(
        "DT0404", "binding-missing", "Binding lacks a required statement", Severity.Error,
        "Every binding needs at least one 'match' and either 'specifier' layouts or 'specifier none'.", Category);

    /// <summary>A field role, attach kind or quirk name is not known.</summary>
    public static readonly DiagnosticDescriptor UnknownName = new(
        "DT0405", "binding-unknown-name", "Unknown role, attach kind or quirk", Severity.Error,
        "Roles: id, mask, context, window-base, window-size, domain, opaque. Attach: iommus, dma-window, liodn. "
        + "Quirks: multi-instance, last-entry-wins, shared-context, single-master.", Category);

    /// <summary>A well-known simulator parameter has a value of the wrong type.</summary>
    public static readonly DiagnosticDescriptor BadParameter = new(
        "DT0406", "binding-bad-parameter", "Simulator parameter has the wrong type", Severity.Error,
        "aperture is a range, page-sizes a list of powers of two, id-bits 1..64, masters single|multi|fixed.", Category);

    /// <summary>A later binding replaces an earlier one, or two bindings claim the same compatible.</summary>
    public static readonly DiagnosticDescriptor Override = new(
        "DT0407", "binding-override", "Binding overrides or shadows another", Severity.Note,
        "Bindings loaded later (user directories) replace built-in ones of the same name and win compatible matches.", Category);

    /// <summary>A binding file or directory could not be read.</summary>
    public static readonly DiagnosticDescriptor Io = new(
        "DT0408", "binding-io", "Cannot read binding file or directory", Severity.Error,
        "Check the path given with --bindings.", Category);

    /// <summary>All descriptors of this table.</summary>
    public static readonly DiagnosticDescriptor[] All =
        [Syntax, UnknownStatement, BadValue, Duplicate, Missing, UnknownName, BadParameter, Override, Io];
}
