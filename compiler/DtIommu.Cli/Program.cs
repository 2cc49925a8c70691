using System.CommandLine;

namespace DtIommu.Cli;

/// <summary>Entry point: the dtc-compatible compiler at the root, the IOMMU tools as subcommands.</summary>
public static class Program
{
    /// <summary>The subcommands by name; each option tree is built only when its command runs.</summary>
    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("lint", LintCommand.Create),
        ("model", ModelCommand.Create),
        ("simulate", SimulateCommand.Create),
        ("overlay", OverlayCommand.Create),
    ];

    /// <summary>Runs the command line and returns dtc's exit status.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0)
        {
            foreach (var (name, create) in Subcommands)
                if (args[0] == name) return RunSubcommand(create(), args);
            if (SubcommandTypo(args[0]) is { } guess)
            {
                Console.Error.WriteLine($"{DtcUsage.Program}: '{args[0]}' is not a {DtcUsage.Program} command and no such file exists. Did you mean '{guess}'?");
                return 1;
            }
        }
        StandardStreams.UseByteText();
        // Natively compiled code takes a quarter of the stack limit for the deepest source dtc accepts; the JIT's
        // first-tier code has frames several times larger, so the dotnet tool keeps compiling on its own thread.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled) DtIommu.Compilation.LargeStack.AdoptMainThread();
        return CompileRunner.Run(DtcCommand.Parse(args));
    }

    /// <summary>A subcommand under a root of its own, so its usage and help show only its own arguments.</summary>
    private static int RunSubcommand(Command command, string[] args)
    {
        var root = new RootCommand("DtIommu: a dtc-compatible device-tree compiler with IOMMU/DMA validation") { command };
        // A fixed width: asking the console for its width makes .NET switch the terminal's keypad mode (escape codes).
        foreach (var option in root.Options)
            if (option is System.CommandLine.Help.HelpOption { Action: System.CommandLine.Help.HelpAction help }) help.MaxWidth = 100;
        var parse = root.Parse(args);
        // System.CommandLine hands an unknown option to the file arguments; name it as an option instead.
        foreach (var token in parse.Tokens)
        {
            var word = token.Value;
            if (token.Type != System.CommandLine.Parsing.TokenType.Argument || word.Length < 2 || word[0] != '-' || File.Exists(word)) continue;
            var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
            var guess = names.Where(n => EditDistance(word, n) <= 2).OrderBy(n => EditDistance(word, n)).FirstOrDefault();
            Console.Error.WriteLine($"{DtcUsage.Program} {command.Name}: unknown option '{word}'" + (guess != null ? $". Did you mean '{guess}'?" : $" (see {DtcUsage.Program} {command.Name} --help)"));
            return 1;
        }
        return parse.Invoke();
    }

    /// <summary>The subcommand a first word that names no file was probably meant to be, if any.</summary>
    internal static string? SubcommandTypo(string word)
    {
        if (word.StartsWith('-') || File.Exists(word) || Directory.Exists(word)) return null;
        foreach (var (name, _) in Subcommands)
            if (EditDistance(word, name) <= (name.Length > 4 ? 2 : 1)) return name;
        return null;
    }

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) row[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
