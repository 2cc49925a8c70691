using DtIommu.Checks;
using DtIommu.Compilation;
using DtIommu.Literals;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>What a dtc command line asks for: the compile options, or an answer to print and an exit status.</summary>
internal sealed class DtcRequest
{
    /// <summary>Set when the command line is answered without compiling (help, version, usage or option errors).</summary>
    public int? ExitCode { get; init; }
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public DtcOptions? Options { get; init; }
    /// <summary>cpp's <c>-E</c> under <c>--cpp</c>: write the preprocessed text instead of compiling.</summary>
    public bool PreprocessOnly { get; init; }
    /// <summary>cpp's <c>-include FILE</c> under <c>--cpp</c>, in order.</summary>
    public IReadOnlyList<string> ForcedIncludes { get; init; } = [];
    /// <summary><c>--batch FILE</c>: compile every command line the file holds.</summary>
    public string? BatchFile { get; init; }
}

/// <summary>
/// The root command: dtc 1.8.1's command line read the way dtc reads it (getopt_long, options acted on in order,
/// the same texts and exit statuses), plus the built-in preprocessor switches.
/// </summary>
internal static class DtcCommand
{
    public const string ToolVersion = ThisBuild.Version;

    public const string VersionText = "Version: DTC 1.8.1 (DtIommu " + ToolVersion + ", commit " + ThisBuild.Commit + ")";

    /// <summary>dtc refuses nothing here and then spins or allocates for minutes; these bounds keep blobs under 256 MiB.</summary>
    private const long MaxBlobBytes = 0x10000000;
    private const long MaxReserveEntries = MaxBlobBytes / 16;

    /// <summary>Reads a command line; never throws for bad input.</summary>
    public static DtcRequest Parse(IReadOnlyList<string> args)
    {
        // dtc sees its arguments as bytes; so do file names and messages here (see Latin1).
        args = [.. args.Select(Latin1.FromText)];
        var cpp = CppEnabled(args);
        var items = Getopt.Parse(args, DtcUsage.All, DtcUsage.Program, cpp ? CppSwitch : null);
        string? inform = null, outform = null, depname = null, batch = null;
        var outname = "-";
        int outversion = 17, reserve = 0, minsize = 0, padsize = 0, align = 0, quiet = 0, annotate = 0;
        long bootCpu = -1;
        bool force = false, sort = false, symbols = false, fixups = false, autoAlias = false, preprocessOnly = false;
        var phandle = PhandleFormat.Epapr;
        var includes = new List<string>();
        var checks = new List<(bool, string)>();
        var defines = new List<(string, bool)>();
        var forced = new List<string>();
        var operands = new List<string>();

        foreach (var item in items)
        {
            if (item.Error != null) return Usage(item.Error + "\n", "unknown option");
            if (item.IsOperand) { operands.Add(item.Argument!); continue; }
            var arg = item.Argument ?? "";
            switch (item.Option!.Short != '\0' ? item.Option.Short.ToString() : item.Option.Long)
            {
                case "I": inform = arg; break;
                case "O": outform = arg; break;
                case "o": outname = arg; break;
                case "V": outversion = (int)CNumber.Strtol(arg); break;
                case "d": depname = arg; break;
                case "R":
                    var r = CNumber.Strtol(arg);
                    if (r < 0 || r > MaxReserveEntries) return Die($"Invalid argument \"{arg}\" to -R option: more than {MaxReserveEntries} reserve entries");
                    reserve = (int)r;
                    break;
                case "S":
                case "p":
                    var size = CNumber.Strtol(arg);
                    if (size > MaxBlobBytes) return Die($"Invalid argument \"{arg}\" to -{item.Option.Short} option: more than {MaxBlobBytes} bytes");
                    if (item.Option.Short == 'S') minsize = unchecked((int)size); else padsize = unchecked((int)size);
                    break;
                case "a":
                    align = unchecked((int)CNumber.Strtol(arg));
                    if (align <= 0 || (align & (align - 1)) != 0) return Die($"Invalid argument \"{align}\" to -a option");
                    break;
                case "f": force = true; break;
                case "q": quiet++; break;
                case "b": bootCpu = CNumber.Strtol(arg); break;
                case "i": includes.Add(arg); break;
                case "v": return new DtcRequest { ExitCode = 0, Stdout = VersionText + "\n" };
                case "H":
                    switch (arg)
                    {
                        case "legacy": phandle = PhandleFormat.Legacy; break;
                        case "epapr": phandle = PhandleFormat.Epapr; break;
                        case "both": phandle = PhandleFormat.Both; break;
                        default: return Die($"Invalid argument \"{arg}\" to -H option");
                    }
                    break;
                case "s": sort = true; break;
                case "W":
                case "E":
                    var isError = item.Option.Short == 'E';
                    if (!new CheckSettings().TryApply(arg, !isError, isError, out var message))
                        return Die(message ?? $"Unrecognized check name \"{arg}\"");
                    checks.Add((isError, arg));
                    break;
                case "@": symbols = true; break;
                case "L": fixups = true; break;
                case "A": autoAlias = true; break;
                case "T": annotate++; break;
                case "h": return new DtcRequest { ExitCode = 0, Stdout = DtcUsage.Text(null) };
                case "D": defines.Add((arg, false)); break;
                case "U": defines.Add((arg, true)); break;
                case "cpp": break;
                case "batch": batch = arg; break;
                case CppPreprocessOnly: preprocessOnly = true; break;
                case CppInclude: forced.Add(arg); break;
                case CppIgnored: break;
            }
        }

        if (batch != null)
        {
            if (items.Count != 1) return Usage("", "--batch takes no other options or files");
            return new DtcRequest { BatchFile = batch };
        }
        if (operands.Count > 1) return Usage("", "missing files");
        return new DtcRequest
        {
            PreprocessOnly = preprocessOnly,
            ForcedIncludes = forced,
            Options = new DtcOptions
            {
                Input = operands.Count == 1 ? operands[0] : "-",
                InputFormat = inform,
                OutputFormat = outform,
                Output = outname,
                OutputVersion = outversion,
                DependencyFile = depname,
                ReserveSlots = reserve,
                MinimumSize = minsize,
                Padding = padsize,
                Alignment = align,
                BootCpu = bootCpu,
                Force = force,
                IncludeDirectories = includes,
                Sort = sort,
                PhandleFormat = phandle,
                CheckOptions = checks,
                Symbols = symbols,
                LocalFixups = fixups,
                AutoAlias = autoAlias,
                Annotate = annotate,
                Quiet = quiet,
                Preprocess = cpp,
                Defines = defines,
            },
        };
    }

    private static DtcRequest Die(string message) => new() { ExitCode = 1, Stderr = "FATAL ERROR: " + message + "\n" };

    private static DtcRequest Usage(string getoptMessage, string error) =>
        new() { ExitCode = 1, Stderr = getoptMessage + DtcUsage.Text(error) };

    /// <summary>Whether <c>--cpp</c> (or a prefix getopt would accept for it) appears before <c>--</c>.</summary>
    private static bool CppEnabled(IReadOnlyList<string> args)
    {
        foreach (var a in args)
        {
            if (a == "--") return false;
            if (a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=') < 0
                && Getopt.ResolveLong(DtcUsage.All, a[2..], out _)?.Long == "cpp") return true;
        }
        return false;
    }

    private const string CppPreprocessOnly = "cpp -E";
    private const string CppInclude = "cpp -include";
    private const string CppIgnored = "cpp ignored";
    private static readonly GetoptOption PreprocessOnlyOption = new(CppPreprocessOnly, '\0', false, "");
    private static readonly GetoptOption IncludeOption = new(CppInclude, '\0', true, "");
    private static readonly GetoptOption IgnoredOption = new(CppIgnored, '\0', false, "");

    /// <summary>
    /// cpp's switches that Kbuild and Zephyr wrappers pass along with <c>--cpp</c>. <c>-undef</c> and <c>-nostdinc</c>
    /// change nothing: the built-in preprocessor predefines no system macros and searches no system directories.
    /// </summary>
    private static (GetoptItem Item, int Consumed)? CppSwitch(string a, IReadOnlyList<string> args, int i)
    {
        switch (a)
        {
            case "-E": return (new(PreprocessOnlyOption, null, null), 1);
            case "-undef":
            case "-nostdinc": return (new(IgnoredOption, null, null), 1);
            case "-include":
                return i + 1 < args.Count
                    ? (new(IncludeOption, args[i + 1], null), 2)
                    : (new(null, null, $"{DtcUsage.Program}: option requires an argument -- 'include'"), 1);
        }
        if (!a.StartsWith("-x", StringComparison.Ordinal)) return null;
        string? language = a.Length > 2 ? a[2..] : i + 1 < args.Count ? args[i + 1] : null;
        var consumed = a.Length > 2 ? 1 : 2;
        if (language == null) return (new(null, null, $"{DtcUsage.Program}: option requires an argument -- 'x'"), 1);
        return language == "assembler-with-cpp"
            ? (new(IgnoredOption, null, null), consumed)
            : (new(null, null, $"{DtcUsage.Program}: language \"{language}\" is not supported with --cpp (only assembler-with-cpp)"), consumed);
    }
}
