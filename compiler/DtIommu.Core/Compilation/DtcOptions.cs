using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Compilation;

/// <summary>Everything dtc's command line can say, as data; defaults are dtc's.</summary>
public sealed record DtcOptions
{
    /// <summary>Input file; <c>-</c> reads standard input.</summary>
    public string Input { get; init; } = "-";
    /// <summary><c>-I</c>: dts, dtb or fs; null to guess.</summary>
    public string? InputFormat { get; init; }
    /// <summary><c>-O</c>: dts, dtb, yaml, asm or null; null to guess from the output name.</summary>
    public string? OutputFormat { get; init; }
    /// <summary><c>-o</c>: output file, <c>-</c> for standard output.</summary>
    public string Output { get; init; } = "-";
    /// <summary><c>-V</c>: blob version.</summary>
    public int OutputVersion { get; init; } = 17;
    /// <summary><c>-d</c>: dependency file to write, or null.</summary>
    public string? DependencyFile { get; init; }
    /// <summary><c>-R</c>: extra reserve-map slots.</summary>
    public int ReserveSlots { get; init; }
    /// <summary><c>-S</c>: minimum blob size.</summary>
    public int MinimumSize { get; init; }
    /// <summary><c>-p</c>: blob padding.</summary>
    public int Padding { get; init; }
    /// <summary><c>-a</c>: blob size alignment.</summary>
    public int Alignment { get; init; }
    /// <summary><c>-b</c>: boot CPU id, or -1 to keep the guessed one.</summary>
    public long BootCpu { get; init; } = -1;
    /// <summary><c>-f</c>: write output despite check errors.</summary>
    public bool Force { get; init; }
    /// <summary><c>-i</c>: include search directories in order.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];
    /// <summary><c>-s</c>: sort the tree.</summary>
    public bool Sort { get; init; }
    /// <summary><c>-H</c>: which phandle properties to generate.</summary>
    public PhandleFormat PhandleFormat { get; init; } = PhandleFormat.Epapr;
    /// <summary><c>-W</c>/<c>-E</c> arguments in command-line order (IsError false for -W).</summary>
    public IReadOnlyList<(bool IsError, string Argument)> CheckOptions { get; init; } = [];
    /// <summary><c>-@</c>: generate <c>/__symbols__</c>.</summary>
    public bool Symbols { get; init; }
    /// <summary><c>-L</c>: generate <c>/__fixups__</c> and <c>/__local_fixups__</c> as for a plugin.</summary>
    public bool LocalFixups { get; init; }
    /// <summary><c>-A</c>: generate <c>/aliases</c> from labels.</summary>
    public bool AutoAlias { get; init; }
    /// <summary><c>-T</c> count.</summary>
    public int Annotate { get; init; }
    /// <summary><c>-q</c> count.</summary>
    public int Quiet { get; init; }
    /// <summary><c>--cpp</c>: run the built-in C preprocessor first.</summary>
    public bool Preprocess { get; init; }
    /// <summary><c>-D NAME[=VALUE]</c> (Undefine false) and <c>-U NAME</c> (Undefine true) for the preprocessor, in order.</summary>
    public IReadOnlyList<(string Argument, bool Undefine)> Defines { get; init; } = [];
}
