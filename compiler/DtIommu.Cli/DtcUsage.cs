using System.Text;

namespace DtIommu.Cli;

/// <summary>dtc 1.8.1's option table and usage text (util_usage's layout), followed by DtIommu's own switches.</summary>
internal static class DtcUsage
{
    public const string Program = "dtiommu";

    /// <summary>dtc's options in dtc's order, which is the order of the usage text and of ambiguity lists.</summary>
    public static readonly GetoptOption[] DtcOptions =
    [
        new("quiet", 'q', false, "\n\tQuiet: -q suppress warnings, -qq errors, -qqq all"),
        new("in-format", 'I', true, "\n\tInput formats are:\n\t\tdts - device tree source text\n\t\tdtb - device tree blob\n\t\tfs  - /proc/device-tree style directory"),
        new("out", 'o', true, "\n\tOutput file"),
        new("out-format", 'O', true, "\n\tOutput formats are:\n\t\tdts - device tree source text\n\t\tdtb - device tree blob\n\t\tyaml - device tree encoded as YAML\n\t\tasm - assembler source"),
        new("out-version", 'V', true, "\n\tBlob version to produce, defaults to 17 (for dtb and asm output)"),
        new("out-dependency", 'd', true, "\n\tOutput dependency file"),
        new("reserve", 'R', true, "\n\tMake space for <number> reserve map entries (for dtb and asm output)"),
        new("space", 'S', true, "\n\tMake the blob at least <bytes> long (extra space)"),
        new("pad", 'p', true, "\n\tAdd padding to the blob of <bytes> long (extra space)"),
        new("align", 'a', true, "\n\tMake the blob align to the <bytes> (extra space)"),
        new("boot-cpu", 'b', true, "\n\tSet the physical boot cpu"),
        new("force", 'f', false, "\n\tTry to produce output even if the input tree has errors"),
        new("include", 'i', true, "\n\tAdd a path to search for include files"),
        new("sort", 's', false, "\n\tSort nodes and properties before outputting (useful for comparing trees)"),
        new("phandle", 'H', true, "\n\tValid phandle formats are:\n\t\tlegacy - \"linux,phandle\" properties only\n\t\tepapr  - \"phandle\" properties only\n\t\tboth   - Both \"linux,phandle\" and \"phandle\" properties"),
        new("warning", 'W', true, "\n\tEnable/disable warnings (prefix with \"no-\")"),
        new("error", 'E', true, "\n\tEnable/disable errors (prefix with \"no-\")"),
        new("symbols", '@', false, "\n\tEnable generation of symbols"),
        new("local-fixups", 'L', false, "\n\tPossibly generates a __local_fixups__ and a __fixups__ node at the root node"),
        new("auto-alias", 'A', false, "\n\tEnable auto-alias of labels"),
        new("annotate", 'T', false, "\n\tAnnotate output .dts with input source file and line (-T -T for more details)"),
        new("help", 'h', false, "\n\tPrint this help and exit"),
        new("version", 'v', false, "\n\tPrint version and exit"),
    ];

    /// <summary>DtIommu's additions to dtc's command line.</summary>
    public static readonly GetoptOption[] Extras =
    [
        new("cpp", '\0', false, "\n\tRun the built-in C preprocessor first; then cpp's -include FILE, -E (preprocess only,\n\tso dtc's -E takes its argument attached: -Ename), -undef, -nostdinc and\n\t-x assembler-with-cpp are accepted too"),
        new("", 'D', true, "\n\tPreprocessor: define NAME[=VALUE]"),
        new("", 'U', true, "\n\tPreprocessor: undefine NAME"),
        new("batch", '\0', true, "\n\tCompile many trees in one process: each line of the file holds one dtc command line"),
    ];

    /// <summary>The whole table getopt parses against.</summary>
    public static readonly GetoptOption[] All = [.. DtcOptions, .. Extras];

    private const string ShortOptions = "qI:O:o:V:d:R:S:p:a:fb:i:H:sW:E:@LAThv";

    /// <summary>dtc's usage text; with <paramref name="error"/> it ends with dtc's <c>Error:</c> line.</summary>
    public static string Text(string? error)
    {
        var sb = new StringBuilder();
        sb.Append("Usage: ").Append(Program).Append(" [options] <input file>\n\n");
        sb.Append("Options: -[").Append(ShortOptions).Append("]\n");
        const int argText = 6; // "<arg>" and the space before it
        var width = 0;
        foreach (var o in DtcOptions) width = Math.Max(width, o.Long.Length + 1 + (o.HasArgument ? argText : 0));
        foreach (var o in DtcOptions) AppendOption(sb, o, width);
        sb.Append("\nDtIommu also has: ").Append(Program).Append(" lint|model|simulate ... (see ").Append(Program).Append(" COMMAND --help)\n");
        foreach (var o in Extras) AppendOption(sb, o, width);
        if (error != null) sb.Append("\nError: ").Append(error).Append('\n');
        return sb.ToString();
    }

    private static void AppendOption(StringBuilder sb, GetoptOption o, int width)
    {
        var flag = o.Long.Length > 0 ? "--" + o.Long : "-" + o.Short;
        sb.Append(o.Short != '\0' && o.Long.Length > 0 ? $"  -{o.Short}, " : "      ");
        var text = o.HasArgument ? flag + " <arg>" : flag;
        sb.Append(text.PadRight(width + 2)).Append(o.Help).Append('\n');
    }
}
