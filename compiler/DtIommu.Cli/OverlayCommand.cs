using System.CommandLine;
using DtIommu.Overlay;

namespace DtIommu.Cli;

/// <summary><c>dtiommu overlay -i BASE -o OUT OVERLAY...</c>: fdtoverlay's job, with its output bytes, messages and exit codes.</summary>
internal static class OverlayCommand
{
    private static readonly Option<string> Input = new("--input", "-i") { Description = "Input base DT blob" };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Output DT blob" };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Arity = ArgumentArity.Zero, Description = "Verbose messages" };
    private static readonly Argument<string[]> Overlays = new("overlay") { Arity = ArgumentArity.ZeroOrMore, Description = "Overlay blobs (.dtbo), applied in order" };

    public static Command Create()
    {
        var c = new Command("overlay", "Apply overlay blobs to a base blob, as fdtoverlay does") { Input, Output, Verbose, Overlays };
        c.SetAction(p =>
        {
            var input = p.GetValue(Input);
            var output = p.GetValue(Output);
            var overlays = p.GetValue(Overlays) ?? [];
            var missing = input == null ? "missing input file" : output == null ? "missing output file" : overlays.Length == 0 ? "missing overlay file(s)" : null;
            if (missing != null)
            {
                Console.Error.WriteLine($"Error: {missing}");
                return 1;
            }
            if (p.GetValue(Verbose))
            {
                Console.Out.WriteLine($"input  = {input}");
                Console.Out.WriteLine($"output = {output}");
                for (var i = 0; i < overlays.Length; i++) Console.Out.WriteLine($"overlay[{i}] = {overlays[i]}");
            }
            var result = FdtOverlayRun.Apply(input!, overlays, ReadBlob);
            if (result.Blob == null)
            {
                Console.Error.Write(result.Error);
                return 1;
            }
            try
            {
                AtomicFile.Write(output!, result.Blob);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                var why = e is UnauthorizedAccessException ? "Permission denied" : e is DirectoryNotFoundException ? "No such file or directory" : e.Message;
                Console.Error.Write($"Couldn't write blob to '{output}': {why}\n\nFailed to write '{output}'\n");
                return 1;
            }
            return 0;
        });
        return c;
    }

    /// <summary>Reads a blob file, or standard input for <c>-</c>.</summary>
    public static byte[] ReadBlob(string path)
    {
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var copy = new MemoryStream();
            stdin.CopyTo(copy);
            return copy.ToArray();
        }
        if (Directory.Exists(path)) throw new IOException("Is a directory");
        return File.ReadAllBytes(path);
    }
}
