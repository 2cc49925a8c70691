using System.Diagnostics;
using System.Text;

namespace DtIommu.Fuzz;

/// <summary>
/// Differential fuzzer: compiles generated, mutated and hostile inputs with dtiommu and with a reference dtc and
/// compares exit status, output bytes and stderr. Fails on any crash, hang or unexplained disagreement.
/// Usage: dtiommu-fuzz --dtiommu PATH [--dtc /usr/bin/dtc] [--seed 1] [--seconds 120 | --cases N]
///        [--timeout 20] [--report DIR] [--known known-differences.tsv] [--fail-on any|crash] [--only N]
/// --fail-on crash: only crashes and hangs fail the run; disagreements are counted and listed, not minimised.
/// --replay FILE [--args "-I dtb -O dts"]: the verdict for one file (blob.bin and inc.dtsi beside it are used).
/// --dtc181 PATH: a dtc 1.8.1 build as a second reference. Every case that does not agree with the first reference is
/// also run through it; a difference with Debian's 1.6.1 that 1.8.1 confirms (byte-identical but for dtiommu's hint
/// lines, or 1.8.1 crashes) counts as known (identical-to-1.8.1), and the summary says how many of each known
/// difference 1.8.1 confirms.
/// --only N: replay just case N of the seed's sequence (as a listed disagreement names it), minimised into the report.
/// </summary>
internal static class Program
{
    private static readonly string[] Categories = ["generated-dts", "mutated-dts", "mutated-dtb"];

    private static int Main(string[] args)
    {
        var opt = ParseArgs(args);
        if (!opt.TryGetValue("dtiommu", out var ours))
        {
            Console.Error.WriteLine("usage: dtiommu-fuzz --dtiommu PATH [--dtc PATH] [--seed N] [--seconds N | --cases N] [--timeout S] [--report DIR] [--known FILE] [--fail-on any|crash]");
            return 2;
        }
        var dtc = opt.GetValueOrDefault("dtc", "/usr/bin/dtc");
        var seed = int.Parse(opt.GetValueOrDefault("seed", "1"));
        var seconds = double.Parse(opt.GetValueOrDefault("seconds", "0"));
        var maxCases = int.Parse(opt.GetValueOrDefault("cases", seconds > 0 ? int.MaxValue.ToString() : "300"));
        var timeout = TimeSpan.FromSeconds(double.Parse(opt.GetValueOrDefault("timeout", "20")));
        var report = opt.GetValueOrDefault("report", Path.Combine(Path.GetTempPath(), "dtiommu-fuzz-report"));
        var failOnDisagreement = opt.GetValueOrDefault("fail-on", "any") != "crash";
        int? only = opt.TryGetValue("only", out var onlyText) ? int.Parse(onlyText) : null;
        if (only != null) maxCases = only.Value + 1;
        var known = Comparison.Load(opt.GetValueOrDefault("known", Path.Combine(AppContext.BaseDirectory, "known-differences.tsv")));
        var work = Path.Combine(Path.GetTempPath(), "dtiommu-fuzz-" + Environment.ProcessId);
        Directory.CreateDirectory(report);
        var runner = new CaseRunner(work, timeout);
        var comparison = new Comparison(known);
        if (opt.TryGetValue("replay", out var replay)) return Replay(replay, opt.GetValueOrDefault("args", ""), runner, comparison, dtc, ours);
        var stats = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var knownHits = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var dtc181 = opt.GetValueOrDefault("dtc181");
        var confirmed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var problems = 0;
        var clock = Stopwatch.StartNew();

        // A case's input and the files beside it, under the report's name for it; returns the path without extension.
        string Save(FuzzCase c, string name, byte[] input)
        {
            var path = Path.Combine(report, name);
            File.WriteAllBytes(path + Path.GetExtension(c.InputName), input);
            foreach (var (extra, bytes) in c.Extra) File.WriteAllBytes(path + "." + extra, bytes);
            return path;
        }

        void Record(FuzzCase c, int index)
        {
            if (only != null && (index != only || c.Category == "hostile")) return;
            var dtcOutcome = runner.Run(dtc, c);
            var ourOutcome = runner.Run(ours, c);
            var (verdict, detail) = comparison.Compare(dtcOutcome, ourOutcome, c.Input);
            if (dtc181 != null && verdict is Verdict.KnownDifference or Verdict.Disagree)
            {
                if (Comparison.ConfirmedBy181(runner.Run(dtc181, c), ourOutcome))
                {
                    if (verdict == Verdict.Disagree) (verdict, detail) = (Verdict.KnownDifference, "identical-to-1.8.1");
                    confirmed[detail] = confirmed.GetValueOrDefault(detail) + 1;
                }
                else if (verdict == Verdict.KnownDifference)
                {
                    // Known against 1.6.1 but not what 1.8.1 does either: kept for a look, as the case was generated.
                    var kept = Save(c, $"{c.Category}-{seed}-{index}-not-1.8.1".ToLowerInvariant(), c.Input);
                    File.WriteAllText(kept + ".txt", $"known: {detail}\nargs: {string.Join(' ', c.Args)}\n");
                    Console.WriteLine($"Not 1.8.1: {c.Category} #{index} ({detail}) -> {kept}");
                }
            }
            if (!stats.TryGetValue(c.Category, out var row)) stats[c.Category] = row = new int[5];
            row[(int)verdict]++;
            if (verdict == Verdict.KnownDifference) knownHits[detail] = knownHits.GetValueOrDefault(detail) + 1;
            if (verdict is Verdict.Agree or Verdict.KnownDifference) return;
            if (verdict == Verdict.Disagree && !failOnDisagreement)
            {
                Console.WriteLine($"{verdict}: {c.Category} #{index} ({detail})");
                return;
            }
            problems++;
            var small = Minimiser.Minimise(c, candidate =>
            {
                var (v, d) = comparison.Compare(runner.Run(dtc, candidate), runner.Run(ours, candidate), candidate.Input);
                return v == verdict && d == detail;
            }, budget: verdict == Verdict.Hang ? 10 : 200);
            var name = $"{c.Category}-{seed}-{index}-{verdict}".ToLowerInvariant();
            Save(c, name, small);
            var again = runner.Run(ours, c with { Input = small });
            var dtcAgain = runner.Run(dtc, c with { Input = small });
            // The unminimised input and both outputs of the minimised one, to see what differs without rerunning.
            File.WriteAllBytes(Path.Combine(report, name + ".orig" + Path.GetExtension(c.InputName)), c.Input);
            if (dtcAgain.Output != null) File.WriteAllBytes(Path.Combine(report, name + ".dtc.out"), dtcAgain.Output);
            if (again.Output != null) File.WriteAllBytes(Path.Combine(report, name + ".dtiommu.out"), again.Output);
            File.WriteAllText(Path.Combine(report, name + ".txt"),
                $"verdict: {verdict} ({detail})\nargs: {string.Join(' ', c.Args)}\n--- dtc exit {dtcAgain.ExitCode}\n{dtcAgain.Stderr}--- dtiommu exit {again.ExitCode}\n{again.Stderr}",
                Encoding.Latin1);
            Console.WriteLine($"{verdict}: {c.Category} #{index} ({detail}) -> {Path.Combine(report, name)}");
        }

        var hostile = 0;
        foreach (var (name, inputName, input, hostileArgs) in HostileCases.All())
            Record(new FuzzCase("hostile", inputName, input, new Dictionary<string, byte[]>(), hostileArgs), hostile++);

        var rng = new Random(seed);
        var generator = new DtsGenerator(rng);
        var blob = Encoding.Latin1.GetBytes("blob-data-0123456789");
        for (var i = 0; i < maxCases && (seconds <= 0 || clock.Elapsed.TotalSeconds < seconds); i++)
        {
            var category = Categories[i % Categories.Length];
            var (source, include) = generator.Generate();
            var extra = new Dictionary<string, byte[]> { ["blob.bin"] = blob };
            if (include != null) extra["inc.dtsi"] = Encoding.Latin1.GetBytes(include);
            var flags = RandomFlags(rng);
            FuzzCase c;
            switch (category)
            {
                case "generated-dts":
                    c = new FuzzCase(category, "in.dts", Encoding.UTF8.GetBytes(source), extra, [.. flags, "-O", Pick(rng, "dtb", "dts", "asm")]);
                    break;
                case "mutated-dts":
                    c = new FuzzCase(category, "in.dts", Mutator.MutateDts(Encoding.UTF8.GetBytes(source), rng), extra, [.. flags, "-O", Pick(rng, "dtb", "dts")]);
                    break;
                default:
                {
                    // A valid blob from dtc, then damaged; decompiled to DTS or rewritten as a blob.
                    var seedCase = new FuzzCase(category, "in.dts", Encoding.UTF8.GetBytes(source), extra, ["-f", "-q", "-O", "dtb"]);
                    var made = runner.Run(dtc, seedCase);
                    if (made.Output == null || made.Output.Length == 0) { i--; continue; }
                    c = new FuzzCase(category, "in.dtb", Mutator.MutateDtb(made.Output, rng), extra, [.. flags, "-I", "dtb", "-O", Pick(rng, "dts", "dtb")]);
                    break;
                }
            }
            Record(c, i);
        }

        Console.WriteLine($"seed {seed}, {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"{"category",-14} {"cases",6} {"agree",6} {"known",6} {"differ",6} {"crash",6} {"hang",6}");
        foreach (var (category, r) in stats)
            Console.WriteLine($"{category,-14} {r.Sum(),6} {r[0],6} {r[1],6} {r[2],6} {r[3],6} {r[4],6}");
        foreach (var (id, n) in knownHits)
            Console.WriteLine($"  known difference {id}: {n}" + (dtc181 == null ? "" : $" ({confirmed.GetValueOrDefault(id)} confirmed by dtc 1.8.1)"));
        try { Directory.Delete(work, true); } catch (IOException) { }
        return problems == 0 ? 0 : 1;
    }

    // One file (with blob.bin and inc.dtsi beside it, when there) through both compilers: the verdict, as a campaign
    // would give it, for a report's input or a hand-written one.
    private static int Replay(string file, string args, CaseRunner runner, Comparison comparison, string dtc, string ours)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var extra = new Dictionary<string, byte[]>();
        foreach (var name in new[] { "blob.bin", "inc.dtsi" })
            if (File.Exists(Path.Combine(dir, name))) extra[name] = File.ReadAllBytes(Path.Combine(dir, name));
        var c = new FuzzCase("replay", "in" + Path.GetExtension(file), File.ReadAllBytes(file), extra,
            args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var (verdict, detail) = comparison.Compare(runner.Run(dtc, c), runner.Run(ours, c), c.Input);
        Console.WriteLine($"{verdict}: {detail}");
        return verdict is Verdict.Agree or Verdict.KnownDifference ? 0 : 1;
    }

    private static string[] RandomFlags(Random rng)
    {
        var f = new List<string>();
        if (rng.Next(4) == 0) f.Add("-@");
        if (rng.Next(6) == 0) f.Add("-s");
        if (rng.Next(6) == 0) f.Add("-f");
        if (rng.Next(8) == 0) f.Add("-q");
        if (rng.Next(8) == 0) f.Add("-A");
        if (rng.Next(8) == 0) { f.Add("-p"); f.Add("64"); }
        if (rng.Next(8) == 0) { f.Add("-R"); f.Add("2"); }
        if (rng.Next(8) == 0) f.Add(Pick(rng, "-Wno-unit_address_vs_reg", "-Eunit_address_vs_reg", "-Wno-avoid_default_addr_size"));
        return [.. f];
    }

    private static string Pick(Random rng, params string[] options) => options[rng.Next(options.Length)];

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            d[args[i].TrimStart('-')] = args[i + 1];
        return d;
    }
}
