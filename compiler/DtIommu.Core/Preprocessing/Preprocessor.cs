using System;

namespace DtIommu.Preprocessing;

/// <summary>
/// The built-in C preprocessor: what device-tree sources use of <c>cpp -x assembler-with-cpp</c>, producing text
/// with GCC line markers that the DTS lexer maps back to the original files and lines.
/// </summary>
public sealed class Preprocessor
{
    private readonly PreprocessorOptions _options;

    /// <summary>Creates a preprocessor with the given search path, macros and file access.</summary>
    public Preprocessor(PreprocessorOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Preprocesses the file at <paramref name="path"/>, read through <see cref="PreprocessorOptions.ReadFile"/>.</summary>
    public PreprocessorResult Run(string path) => new PreprocessorSession(_options).Run(path, null);

    /// <summary>Preprocesses <paramref name="text"/> as the main file named <paramref name="path"/>.</summary>
    public PreprocessorResult Run(string path, string text) => new PreprocessorSession(_options).Run(path, text);
}
