using System.CommandLine;
using System.CommandLine.Parsing;
using DtIommu.Compilation;
using DtIommu.Model;

namespace DtIommu.Cli;

/// <summary>The root command: dtc's options and behaviour, plus the built-in preprocessor switches.</summary>
internal static class DtcCommand
{
    public const string ToolVersion = ThisBuild.Version;

    public const string VersionText = "Version: DTC 1.8.1 (DtIommu " + ToolVersion + ", commit " + ThisBuild.Commit + ")";

    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Arity = ArgumentArity.Zero, Description = "Quiet: -q suppress warnings, -qq errors, -qqq all" };
    private static readonly Option<string> InFormat = new("--in-format", "-I") { Description = "Input formats are: dts, dtb, fs" };
    private static readonly Option<string> Out = new("--out", "-o") { Description = "Output file" };
    private static readonly Option<string> OutFormat = new("--out-format", "-O") { Description = "Output formats are: dts, dtb, yaml, asm" };
    private static readonly Option<string> OutVersion = new("--out-version", "-V") { Description = "Blob version to produce, defaults to 17 (for dtb and asm output)" };
    private static readonly Option<string> OutDependency = new("--out-dependency", "-d") { Description = "Output dependency file" };
    private static readonly Option<string> Reserve = new("--reserve", "-R") { Description = "Make space for <number> reserve map entries (for dtb and asm output)" };
    private static readonly Option<string> Space = new("--space", "-S") { Description = "Make the blob at least <bytes> long (for dtb and asm output)" };
    private static readonly Option<string> Pad = new("--pad", "-p") { Description = "Add padding to the blob of <bytes> long (extra space)" };
    private static readonly Option<string> Align = new("--align", "-a") { Description = "Make the blob align to the <bytes> (extra space)" };
    private static readonly Option<string> BootCpu = new("--boot-cpu", "-b") { Description = "Set the physical boot cpu" };
    private static readonly Option<bool> Force = new("--force", "-f") { Arity = ArgumentArity.Zero, Description = "Try to produce output even if the input tree has errors" };
    private static readonly Option<string[]> Include = new("--include", "-i") { Description = "Add a path to search for include files" };
    private static readonly Option<bool> Sort = new("--sort", "-s") { Arity = ArgumentArity.Zero, Description = "Sort nodes and properties before outputting (useful for comparing trees)" };
    private static readonly Option<string> Phandle = new("--phandle", "-H") { Description = "Valid phandle formats are: legacy, epapr, both" };
    private static readonly Option<string[]> Warning = new("--warning", "-W") { Description = "Enable/disable warnings (prefix with \"no-\")" };
    private static readonly Option<string[]> Error = new("--error", "-E") { Description = "Enable/disable errors (prefix with \"no-\")" };
    private static readonly Option<bool> Symbols = new("--symbols", "-@") { Arity = ArgumentArity.Zero, Description = "Enable generation of symbols" };
    private static readonly Option<bool> AutoAlias = new("--auto-alias", "-A") { Arity = ArgumentArity.Zero, Description = "Enable auto-alias of labels" };
    private static readonly Option<bool> Annotate = new("--annotate", "-T") { Arity = ArgumentArity.Zero, Description = "Annotate output .dts with input source file and line (-T -T for more details)" };
    private static readonly Option<bool> Version = new("--version", "-v") { Arity = ArgumentArity.Zero, Description = "Print version and exit" };
    private static readonly Option<bool> Cpp = new("--cpp") { Arity = ArgumentArity.Zero, Description = "Run the built-in C preprocessor (#include, #define, #if) on DTS input" };
    private static readonly Option<string[]> Define = new("-D") { Description = "Preprocessor: define NAME[=VALUE]" };
    private static readonly Option<string[]> Undefine = new("-U") { Description = "Preprocessor: undefine NAME" };
    private static readonly Argument<string[]> Input = new("input") { Arity = ArgumentArity.ZeroOrMore, Description = "Input file (- or none for standard input)" };

    public static RootCommand Create()
    {
        var root = new RootCommand("DtIommu: a dtc-compatible device-tree compiler with IOMMU/DMA validation")
        {
            Quiet, InFormat, Out, OutFormat, OutVersion, OutDependency, Reserve, Space, Pad, Align, BootCpu, Force,
            Include, Sort, Phandle, Warning, Error, Symbols, AutoAlias, Annotate, Cpp, Define, Undefine, Input,
        };
        // dtc's -v is the version switch; replace System.CommandLine's own.
        for (var i = root.Options.Count - 1; i >= 0; i--)
            if (root.Options[i] is VersionOption) root.Options.RemoveAt(i);
        root.Options.Add(Version);
        root.SetAction(Run);
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        return root;
    }

    private static int Run(ParseResult parse)
    {
        if (parse.GetValue(Version))
        {
            Console.Out.WriteLine(VersionText);
            return 0;
        }
        var inputs = parse.GetValue(Input) ?? [];
        foreach (var arg in inputs)
        {
            // System.CommandLine hands unknown options to the file argument; dtc rejects them as options.
            if (arg.Length > 1 && arg[0] == '-')
            {
                Console.Error.WriteLine($"Error: unknown option '{arg}' (see dtiommu --help)");
                return 1;
            }
        }
        if (inputs.Length > 1)
        {
            Console.Error.WriteLine("Error: missing files");
            return 1;
        }

        DtcOptions options;
        try
        {
            options = ReadOptions(parse, inputs.Length == 1 ? inputs[0] : "-");
        }
        catch (FatalCompilationException e)
        {
            Console.Error.WriteLine("FATAL ERROR: " + e.Message);
            return 1;
        }
        return CompileRunner.Run(options);
    }

    private static DtcOptions ReadOptions(ParseResult p, string input)
    {
        var checks = new List<(bool, string)>();
        // -W and -E apply in command-line order, which matters when both name the same check.
        foreach (var token in OrderedCheckOptions(p)) checks.Add(token);

        var phandle = PhandleFormat.Epapr;
        if (p.GetValue(Phandle) is { } h)
        {
            phandle = h switch
            {
                "legacy" => PhandleFormat.Legacy,
                "epapr" => PhandleFormat.Epapr,
                "both" => PhandleFormat.Both,
                _ => throw new FatalCompilationException($"Invalid argument \"{h}\" to -H option"),
            };
        }

        // -D and -U act in command-line order, as cpp applies them.
        var ordered = new List<(int Index, string Argument, bool Undefine)>();
        foreach (var t in p.GetResult(Define)?.Tokens ?? []) ordered.Add((IndexOf(p, t), t.Value, false));
        foreach (var t in p.GetResult(Undefine)?.Tokens ?? []) ordered.Add((IndexOf(p, t), t.Value, true));
        ordered.Sort((a, b) => a.Index.CompareTo(b.Index));
        var defines = ordered.Select(x => (x.Argument, x.Undefine)).ToList();

        var align = p.GetValue(Align) is { } a ? (int)CNumber.Strtol(a) : 0;
        if (align != 0 && (align & (align - 1)) != 0)
            throw new FatalCompilationException($"Invalid argument \"{align}\" to -a option");

        return new DtcOptions
        {
            Input = input,
            InputFormat = p.GetValue(InFormat),
            OutputFormat = p.GetValue(OutFormat),
            Output = p.GetValue(Out) ?? "-",
            OutputVersion = p.GetValue(OutVersion) is { } v ? (int)CNumber.Strtol(v) : 17,
            DependencyFile = p.GetValue(OutDependency),
            ReserveSlots = p.GetValue(Reserve) is { } r ? (int)CNumber.Strtol(r) : 0,
            MinimumSize = p.GetValue(Space) is { } s ? (int)CNumber.Strtol(s) : 0,
            Padding = p.GetValue(Pad) is { } pad ? (int)CNumber.Strtol(pad) : 0,
            Alignment = align,
            BootCpu = p.GetValue(BootCpu) is { } b ? CNumber.Strtol(b) : -1,
            Force = p.GetValue(Force),
            IncludeDirectories = p.GetValue(Include) ?? [],
            Sort = p.GetValue(Sort),
            PhandleFormat = phandle,
            CheckOptions = checks,
            Symbols = p.GetValue(Symbols),
            AutoAlias = p.GetValue(AutoAlias),
            Annotate = p.GetResult(Annotate)?.IdentifierTokenCount ?? 0,
            Quiet = p.GetResult(Quiet)?.IdentifierTokenCount ?? 0,
            Preprocess = p.GetValue(Cpp),
            Defines = defines,
        };
    }

    private static IEnumerable<(bool IsError, string Argument)> OrderedCheckOptions(ParseResult p)
    {
        var w = p.GetResult(Warning);
        var e = p.GetResult(Error);
        var list = new List<(int Index, bool IsError, string Arg)>();
        void Collect(OptionResult? r, bool isError)
        {
            if (r == null) return;
            foreach (var t in r.Tokens) list.Add((IndexOf(p, t), isError, t.Value));
        }
        Collect(w, false);
        Collect(e, true);
        list.Sort((x, y) => x.Index.CompareTo(y.Index));
        foreach (var x in list) yield return (x.IsError, x.Arg);
    }

    private static int IndexOf(ParseResult p, Token t)
    {
        for (var i = 0; i < p.Tokens.Count; i++)
            if (ReferenceEquals(p.Tokens[i], t)) return i;
        return int.MaxValue;
    }
}
