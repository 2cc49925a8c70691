using DtIommu.Diagnostics;

namespace DtIommu.Preprocessing;

/// <summary>Every diagnostic the built-in C preprocessor can report, declared once.</summary>
public static class PreprocessorDiagnostics
{
    private const string Category = "preprocessor";

    /// <summary>An <c>#include</c>d file was not found in any search directory.</summary>
    public static readonly DiagnosticDescriptor MissingInclude = new("DT0100", "pp-missing-include",
        "Included file not found", Severity.Error,
        "The quoted form searches the including file's directory, then every -i directory in order; the angled form searches only the -i directories. Like cpp, preprocessing stops here.",
        Category);

    /// <summary>A file includes itself, directly or through others, without a guard that stops the recursion.</summary>
    public static readonly DiagnosticDescriptor IncludeCycle = new("DT0101", "pp-include-cycle",
        "Recursive #include", Severity.Error,
        "A file that is already being included was included again and no include guard was defined to end the recursion; cpp would recurse until its depth limit. Add an include guard or remove the #include.",
        Category);

    /// <summary>Includes are nested deeper than the limit.</summary>
    public static readonly DiagnosticDescriptor IncludeDepth = new("DT0102", "pp-include-depth",
        "#include nested too deeply", Severity.Error,
        "Includes are nested deeper than the maximum (200, as in cpp and dtc).", Category);

    /// <summary>A file ends inside an <c>#if</c> group.</summary>
    public static readonly DiagnosticDescriptor UnterminatedConditional = new("DT0103", "pp-unterminated-conditional",
        "Unterminated conditional", Severity.Error,
        "Every #if, #ifdef and #ifndef needs a matching #endif in the same file.", Category);

    /// <summary><c>#else</c>, <c>#elif</c> or <c>#endif</c> without a matching <c>#if</c>, or after <c>#else</c>.</summary>
    public static readonly DiagnosticDescriptor UnbalancedConditional = new("DT0104", "pp-unbalanced-conditional",
        "Conditional directive out of place", Severity.Error,
        "#else, #elif and #endif must follow an #if in the same file, and nothing but #endif may follow #else.", Category);

    /// <summary>An <c>#if</c>/<c>#elif</c> expression is malformed.</summary>
    public static readonly DiagnosticDescriptor BadExpression = new("DT0105", "pp-bad-expression",
        "Invalid #if expression", Severity.Error,
        "#if and #elif take an integer constant expression: numbers, character constants, defined(NAME), macros that expand to those, and C operators.",
        Category);

    /// <summary>An <c>#error</c> directive was reached.</summary>
    public static readonly DiagnosticDescriptor ErrorDirective = new("DT0106", "pp-error-directive",
        "#error directive", Severity.Error, "The source asked to stop with this message.", Category);

    /// <summary>A <c>#warning</c> directive was reached.</summary>
    public static readonly DiagnosticDescriptor WarningDirective = new("DT0107", "pp-warning-directive",
        "#warning directive", Severity.Warning, "The source asked to print this message.", Category);

    /// <summary>A macro expansion grew beyond the limits that protect against runaway expansion.</summary>
    public static readonly DiagnosticDescriptor MacroRecursion = new("DT0108", "pp-macro-recursion",
        "Macro expansion too deep or too large", Severity.Error,
        "A macro is never expanded inside its own expansion, but chains of macros can still nest very deeply or grow exponentially; the expansion was stopped.",
        Category);

    /// <summary>A directive is malformed (bad macro name, bad #include or #line syntax...).</summary>
    public static readonly DiagnosticDescriptor InvalidDirective = new("DT0109", "pp-invalid-directive",
        "Malformed directive", Severity.Error, "The directive does not follow the C preprocessor's syntax.", Category);

    /// <summary>A function-like macro is invoked with the wrong number of arguments or an unterminated list.</summary>
    public static readonly DiagnosticDescriptor MacroArguments = new("DT0110", "pp-macro-arguments",
        "Bad macro invocation", Severity.Error,
        "A function-like macro needs as many arguments as it has parameters (a variadic one may be left out), and a closing parenthesis in the same file.",
        Category);

    /// <summary>A macro is redefined with a different replacement list.</summary>
    public static readonly DiagnosticDescriptor MacroRedefined = new("DT0111", "pp-macro-redefined",
        "Macro redefined", Severity.Warning,
        "The later definition wins; #undef the macro first if the change is intended.", Category);

    /// <summary>Tokens follow a directive that takes none.</summary>
    public static readonly DiagnosticDescriptor ExtraTokens = new("DT0112", "pp-extra-tokens",
        "Extra tokens at end of directive", Severity.Warning,
        "Text after #endif, #else or a macro name in #ifdef is ignored; turn it into a comment.", Category);

    /// <summary>A block comment never ends.</summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = new("DT0113", "pp-unterminated-comment",
        "Unterminated comment", Severity.Error, "A /* comment runs to the end of the file.", Category);

    /// <summary>Suspicious but accepted input (missing whitespace after a macro name, huge integer constants...).</summary>
    public static readonly DiagnosticDescriptor Suspicious = new("DT0114", "pp-suspicious",
        "Suspicious preprocessor input", Severity.Warning,
        "cpp accepts this but it probably does not mean what was intended.", Category);
}
