namespace DtIommu.Cli;

/// <summary>One option of a <see cref="Getopt"/> table: a long name, a short letter (or none) and whether it takes an argument.</summary>
internal sealed record GetoptOption(string Long, char Short, bool HasArgument, string Help);

/// <summary>One step of a command line: an option with its argument, an operand, or getopt's complaint.</summary>
internal readonly record struct GetoptItem(GetoptOption? Option, string? Argument, string? Error)
{
    public bool IsOperand => Option == null && Error == null;
}

/// <summary>
/// glibc's <c>getopt_long</c> as dtc calls it: short clusters (<c>-qqT</c>, <c>-ofile</c>), long options with unique
/// prefixes and <c>=value</c>, operands permuted after the options, <c>--</c> ending options, and glibc's exact
/// complaints. Items come back in command-line order so the caller can act (and die) where dtc would.
/// </summary>
internal static class Getopt
{
    /// <summary>Splits <paramref name="args"/>; parsing stops after the first error item, as dtc exits there.</summary>
    public static List<GetoptItem> Parse(IReadOnlyList<string> args, IReadOnlyList<GetoptOption> table, string program,
        Func<string, IReadOnlyList<string>, int, (GetoptItem Item, int Consumed)?>? extension = null)
    {
        var items = new List<GetoptItem>();
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                for (i++; i < args.Count; i++) operands.Add(args[i]);
                break;
            }
            if (a.Length < 2 || a[0] != '-')
            {
                operands.Add(a);
                continue;
            }
            if (extension?.Invoke(a, args, i) is { } ext)
            {
                items.Add(ext.Item);
                i += ext.Consumed - 1;
                if (ext.Item.Error != null) return items;
                continue;
            }
            if (a[1] == '-')
            {
                var item = ParseLong(a, args, ref i, table, program);
                items.Add(item);
                if (item.Error != null) return items;
                continue;
            }
            for (var j = 1; j < a.Length; j++)
            {
                var c = a[j];
                var opt = FindShort(table, c);
                if (opt == null)
                {
                    items.Add(new(null, null, $"{program}: invalid option -- '{c}'"));
                    return items;
                }
                if (!opt.HasArgument)
                {
                    items.Add(new(opt, null, null));
                    continue;
                }
                if (j + 1 < a.Length)
                {
                    items.Add(new(opt, a[(j + 1)..], null));
                }
                else if (i + 1 < args.Count)
                {
                    items.Add(new(opt, args[++i], null));
                }
                else
                {
                    items.Add(new(null, null, $"{program}: option requires an argument -- '{c}'"));
                    return items;
                }
                break;
            }
        }
        foreach (var o in operands) items.Add(new(null, o, null));
        return items;
    }

    private static GetoptOption? FindShort(IReadOnlyList<GetoptOption> table, char c)
    {
        foreach (var o in table) if (o.Short == c) return o;
        return null;
    }

    private static GetoptItem ParseLong(string a, IReadOnlyList<string> args, ref int i, IReadOnlyList<GetoptOption> table, string program)
    {
        var eq = a.IndexOf('=');
        var name = eq < 0 ? a[2..] : a[2..eq];
        var opt = ResolveLong(table, name, out var candidates);
        if (opt == null)
        {
            return candidates.Count > 1
                ? new(null, null, $"{program}: option '--{name}' is ambiguous; possibilities:{string.Concat(candidates.Select(c => $" '--{c.Long}'"))}")
                : new(null, null, $"{program}: unrecognized option '{a}'");
        }
        if (!opt.HasArgument)
            return eq < 0 ? new(opt, null, null) : new(null, null, $"{program}: option '--{opt.Long}' doesn't allow an argument");
        if (eq >= 0) return new(opt, a[(eq + 1)..], null);
        if (i + 1 < args.Count) return new(opt, args[++i], null);
        return new(null, null, $"{program}: option '--{opt.Long}' requires an argument");
    }

    /// <summary>An exact name, else the only option the name is a prefix of (glibc's abbreviation rule).</summary>
    internal static GetoptOption? ResolveLong(IReadOnlyList<GetoptOption> table, string name, out List<GetoptOption> candidates)
    {
        candidates = [];
        foreach (var o in table)
        {
            if (o.Long.Length == 0) continue;
            if (o.Long == name) { candidates = [o]; return o; }
            if (name.Length > 0 && o.Long.StartsWith(name, StringComparison.Ordinal)) candidates.Add(o);
        }
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
