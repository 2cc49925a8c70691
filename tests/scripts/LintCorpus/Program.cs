using System.IO;
using System.Linq;
using System;
using DtIommu.Compilation;
using DtIommu.Iommu.Bindings;
using DtIommu.Lint;
using DtIommu.Sources;

// Lints every compiled board of a corpus made by Linux-board scripts (index.tsv: arch, name, dtc status, source path)
// in one process and prints one tab-separated line per finding: board, id, name, severity, node, property, message.
// Notes are included; findings on disabled nodes are not (as in `dtiommu lint`).
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: LintCorpus CORPUS_DIR [MORE_BINDINGS_DIR]");
    return 2;
}
var corpus = args[0];
// The bindings built into the library are the repository's; a directory given adds to them, as --bindings does.
var catalog = BindingCatalog.LoadShipped();
if (args.Length == 2) catalog.AddDirectory(args[1]);
if (catalog.Diagnostics.HasErrors)
{
    Console.Error.WriteLine("bindings do not load");
    return 2;
}
var source = Directory.GetDirectories(Path.Combine(corpus, "src")).Single();
var settings = new LintSettings();
var failures = 0;
foreach (var line in File.ReadLines(Path.Combine(corpus, "index.tsv")))
{
    var f = line.Split('\t');
    if (f.Length < 4 || f[2] != "0") continue;
    var (arch, name, path) = (f[0], f[1], f[3]);
    var board = arch + "/" + name;
    var boardDir = Path.GetDirectoryName(Path.Combine(source, "arch", path.Substring(2)))!;
    try
    {
        var result = DtcCompiler.Compile(new DtcOptions
        {
            Input = Path.Combine(corpus, "pre", arch, name + ".dts"), OutputFormat = "dtb", Output = "-", Force = true,
            IncludeDirectories = [boardDir, Path.Combine(source, "scripts", "dtc", "include-prefixes")],
        }, DiskFileSource.Instance);
        if (result.Tree == null)
        {
            Console.WriteLine($"{board}\tCOMPILE-FAILED");
            failures++;
            continue;
        }
        foreach (var d in LintRunner.Run(result.Tree, catalog, settings).Findings)
            Console.WriteLine(string.Join("\t", board, d.Descriptor.Code, d.Descriptor.Name, d.Severity.ToString().ToLowerInvariant(),
                d.NodePath, d.Property, d.Message.Replace('\t', ' ')));
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        Console.WriteLine($"{board}\tEXCEPTION\t{e.GetType().Name}: {e.Message}");
        failures++;
    }
}
return failures == 0 ? 0 : 1;
