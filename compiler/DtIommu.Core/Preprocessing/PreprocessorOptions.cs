using System;
using System.Collections.Generic;
using System.IO;

namespace DtIommu.Preprocessing;

/// <summary>Whether a command-line macro operation defines or undefines.</summary>
public enum MacroOperationKind
{
    /// <summary><c>-D NAME[=VALUE]</c>.</summary>
    Define,
    /// <summary><c>-U NAME</c>.</summary>
    Undefine,
}

/// <summary>One <c>-D</c> or <c>-U</c> option, with its argument exactly as given (<c>NAME</c>, <c>NAME=VALUE</c>, <c>F(x)=x</c>).</summary>
public sealed record MacroOperation(MacroOperationKind Kind, string Argument);

/// <summary>Settings of the built-in C preprocessor: search path, command-line macros and how files are read.</summary>
public sealed class PreprocessorOptions
{
    /// <summary>Directories searched, in order, for <c>#include &lt;...&gt;</c> and (after the includer's directory) <c>#include "..."</c>.</summary>
    public IList<string> IncludeDirs { get; } = new List<string>();

    /// <summary><c>-D</c>/<c>-U</c> operations in command-line order, applied after the predefined macros.</summary>
    public IList<MacroOperation> MacroOperations { get; } = new List<MacroOperation>();

    /// <summary>Predefine <c>__DTS__</c> as the Linux build does with <c>-D__DTS__</c>; on by default.</summary>
    public bool DefineDts { get; set; } = true;

    /// <summary>Deepest allowed <c>#include</c> nesting; 200 as in cpp and dtc.</summary>
    public int MaxIncludeDepth { get; set; } = 200;

    /// <summary>Reads a file's text, or returns null when there is no such (regular) file; replace it to use in-memory files.</summary>
    public Func<string, string?> ReadFile { get; set; } = DefaultReadFile;

    /// <summary>Adds <c>-D</c> <paramref name="argument"/> (<c>NAME</c> or <c>NAME=VALUE</c>).</summary>
    public PreprocessorOptions Define(string argument)
    {
        MacroOperations.Add(new MacroOperation(MacroOperationKind.Define, argument));
        return this;
    }

    /// <summary>Adds <c>-U</c> <paramref name="name"/>.</summary>
    public PreprocessorOptions Undefine(string name)
    {
        MacroOperations.Add(new MacroOperation(MacroOperationKind.Undefine, name));
        return this;
    }

    private static string? DefaultReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
