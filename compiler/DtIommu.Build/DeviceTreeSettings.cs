using System;
using System.Collections.Generic;
using System.IO;
using DtIommu.Checks;
using DtIommu.Compilation;
using DtIommu.Lint;
using Microsoft.Build.Framework;

namespace DtIommu.Build;

/// <summary>Turns one <c>DeviceTree</c> item's metadata and the project-wide switches into dtc options.</summary>
internal static class DeviceTreeSettings
{
    // dtc's always_fail exists to test the check runner; linting with it would fail every tree.
    private const string TestOnlyCheck = "always_fail";
    private static readonly char[] ListSeparators = [';'];
    // NoWarn lists may use commas as csc's /nowarn does.
    private static readonly char[] CodeSeparators = [';', ','];

    /// <summary>The options to compile <paramref name="item"/> with, or an error text for metadata dtc would reject.</summary>
    public static DtcOptions ToOptions(ITaskItem item, string projectDirectory, IReadOnlyList<(bool IsError, string Argument)> projectChecks, out string? error)
    {
        error = null;
        var format = Metadata(item, "OutputFormat") ?? "dtb";
        if (format is not ("dtb" or "dts" or "yaml" or "asm" or "null"))
            error = $"OutputFormat '{format}' is not one of dtb, dts, yaml, asm, null";

        var checks = new List<(bool, string)>(projectChecks);
        // Lint turns on dtc's checks that are off by default and the IOMMU lint rules (IommuLint).
        if (Flag(item, "Lint", false))
            foreach (var check in CheckTable.All)
                if (!check.DefaultWarning && !check.DefaultError && check.Name != TestOnlyCheck)
                    checks.Add((false, check.Name));
        foreach (var entry in List(item, "Checks"))
            if (!IsLintRule(ParseCheck(entry).Item2)) checks.Add(ParseCheck(entry));

        return new DtcOptions
        {
            // dtc resolves /include/ against the text before the last '/', so Windows paths are given with '/' too.
            Input = ToSlashes(item.GetMetadata("FullPath")),
            InputFormat = "dts",
            OutputFormat = format,
            Output = item.GetMetadata("OutputFile") is { Length: > 0 } o ? Path.GetFullPath(o) : "-",
            IncludeDirectories = IncludeDirectories(item, projectDirectory),
            Symbols = Flag(item, "Symbols", false),
            Preprocess = Flag(item, "Preprocess", true),
            Defines = Defines(item),
            CheckOptions = checks,
        };
    }

    /// <summary><c>-W</c>/<c>-E</c> options for dtc check names found in <c>NoWarn</c> and <c>WarningsAsErrors</c>.</summary>
    public static IReadOnlyList<(bool IsError, string Argument)> ProjectChecks(string? noWarn, string? warningsAsErrors)
    {
        var result = new List<(bool, string)>();
        // Codes (DT2025) are honoured by MSBuild itself; check names (unit_address_vs_reg) need dtc's own switches.
        foreach (var name in Split(noWarn, CodeSeparators))
            if (CheckTable.Find(name) != null) result.Add((false, "no-" + name));
        foreach (var name in Split(warningsAsErrors, CodeSeparators))
            if (CheckTable.Find(name) != null) result.Add((true, name));
        return result;
    }

    /// <summary>The <c>Checks</c> entries that name IOMMU lint rules, as (isError, argument) for <see cref="LintSettings"/>.</summary>
    public static IEnumerable<(bool IsError, string Argument)> LintOptions(ITaskItem item)
    {
        foreach (var entry in List(item, "Checks"))
            if (ParseCheck(entry) is var (isError, argument) && IsLintRule(argument)) yield return (isError, argument);
    }

    /// <summary>True when <paramref name="argument"/> (optionally <c>no-</c>) names an IOMMU lint rule by name or id.</summary>
    public static bool IsLintRule(string argument) =>
        LintRuleTable.Find(argument.StartsWith("no-", StringComparison.Ordinal) ? argument.Substring(3) : argument) != null;

    /// <summary>Splits a <c>NoWarn</c>/<c>WarningsAsErrors</c> list.</summary>
    public static IEnumerable<string> Codes(string? text) => Split(text, CodeSeparators);

    private static (bool, string) ParseCheck(string entry)
    {
        // "error:name" mirrors -E, anything else -W, so "no-name" disables as on dtc's command line.
        const string errorPrefix = "error:";
        return entry.StartsWith(errorPrefix, StringComparison.Ordinal)
            ? (true, entry.Substring(errorPrefix.Length))
            : (false, entry);
    }

    private static IReadOnlyList<string> IncludeDirectories(ITaskItem item, string projectDirectory)
    {
        var dirs = new List<string>();
        foreach (var dir in List(item, "IncludePaths"))
            dirs.Add(ToSlashes(Path.GetFullPath(Path.Combine(projectDirectory, dir))).TrimEnd('/'));
        return dirs;
    }

    private static IReadOnlyList<(string Argument, bool Undefine)> Defines(ITaskItem item)
    {
        // Each entry is what follows -D (NAME or NAME=VALUE), so the preprocessor gives it cpp's meaning.
        var defines = new List<(string, bool)>();
        foreach (var entry in List(item, "Defines")) defines.Add((entry, false));
        foreach (var name in List(item, "Undefines")) defines.Add((name, true));
        return defines;
    }

    private static string ToSlashes(string path) =>
        Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;

    private static string? Metadata(ITaskItem item, string name) =>
        item.GetMetadata(name) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>A true/false metadata value, <paramref name="fallback"/> when absent.</summary>
    public static bool Flag(ITaskItem item, string name, bool fallback) =>
        Metadata(item, name) is { } value ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) : fallback;

    private static IEnumerable<string> List(ITaskItem item, string name) => Split(item.GetMetadata(name), ListSeparators);

    private static IEnumerable<string> Split(string? text, char[] separators)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (var part in text!.Split(separators, StringSplitOptions.RemoveEmptyEntries))
            if (part.Trim() is { Length: > 0 } trimmed) yield return trimmed;
    }
}
