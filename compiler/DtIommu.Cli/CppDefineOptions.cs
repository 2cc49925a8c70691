using System.CommandLine;
using System.CommandLine.Parsing;

namespace DtIommu.Cli;

/// <summary>The preprocessor's <c>-D</c>/<c>-U</c> options of the IOMMU subcommands, applied in command-line order as cpp does.</summary>
internal static class CppDefineOptions
{
    public static readonly Option<string[]> Define = new("-D") { Description = "Preprocessor: define NAME[=VALUE]" };
    public static readonly Option<string[]> Undefine = new("-U") { Description = "Preprocessor: undefine NAME" };

    /// <summary>Every <c>-D</c> and <c>-U</c> in the order given.</summary>
    public static List<(string Argument, bool Undefine)> Ordered(ParseResult p)
    {
        var list = new List<(int Index, string Arg, bool Undefine)>();
        void Collect(OptionResult? r, bool undefine)
        {
            if (r == null) return;
            foreach (var t in r.Tokens) list.Add((IndexOf(p, t), t.Value, undefine));
        }
        Collect(p.GetResult(Define), false);
        Collect(p.GetResult(Undefine), true);
        list.Sort((x, y) => x.Index.CompareTo(y.Index));
        return list.Select(x => (x.Arg, x.Undefine)).ToList();
    }

    /// <summary>Where <paramref name="t"/> stands on the command line.</summary>
    public static int IndexOf(ParseResult p, Token t)
    {
        for (var i = 0; i < p.Tokens.Count; i++) if (ReferenceEquals(p.Tokens[i], t)) return i;
        return int.MaxValue;
    }
}
