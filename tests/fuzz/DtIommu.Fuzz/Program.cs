using System.Diagnostics;
using System.Text;

namespace DtIommu.Fuzz;

/// <summary>
/// Differential fuzzer: compiles generated, mutated and hostile inputs with dtiommu and with a reference dtc and
/// compares exit status, output bytes and stderr. Fails on any crash, hang or unexplained disagreement.
/// Usage: dtiommu-fuzz --dtiommu PATH [--dtc /usr/bin/dtc] [--seed 1] [--seconds 120 | --cases N]
///        [--timeout 20] [--report DIR] [--known known-differences.tsv] [--fail-on any|crash] [--only N]
/// --fail-on crash: only crashes and hangs fail the run; disagreements are counted and listed, not minimised.
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
        var stats = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var knownHits = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var problems = 0;
        var clock = Stopwatch.StartNew();

        void Record(FuzzCase c, int index)
        {
            if (only != null && (index != only || c.Category == "hostile")) return;
            var dtcOutcome = runner.Run(dtc, c);
            var ourOutcome = runner.Run(ours, c);
            var (verdict, detail) = comparison.Compare(dtcOutcome, ourOutcome, c.Input);
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
            File.WriteAllBytes(Path.Combine(report, name + Path.GetExtension(c.InputName)), small);
            foreach (var (extra, bytes) in c.Extra) File.WriteAllBytes(Path.Combine(report, name + "." + extra), bytes);
            var again = runner.Run(ours, c with { Input = small });
            var dtcAgain = runner.Run(dtc, c with { Input = small });
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
        foreach (var (id, n) in knownHits) Console.WriteLine($"  known difference {id}: {n}");
        try { Directory.Delete(work, true); } catch (IOException) { }
        return problems == 0 ? 0 : 1;
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
