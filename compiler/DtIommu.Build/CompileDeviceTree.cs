using System.Collections.Generic;
using System.IO;
using System;
using DtIommu.Compilation;
using DtIommu.Sources;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DtIommu.Build;

/// <summary>Compiles <c>DeviceTree</c> items in-process with DtIommu and reports every diagnostic to MSBuild.</summary>
public sealed class CompileDeviceTree : Microsoft.Build.Utilities.Task
{
    /// <summary>Code for a failure of the task itself rather than of the source (bad metadata, unwritable output, a crash).</summary>
    public const string TaskErrorCode = "DT9001";

    /// <summary>The device trees, each with <c>OutputFile</c>, <c>DependencyFile</c> and the <c>DeviceTree</c> metadata.</summary>
    [Required] public ITaskItem[] Sources { get; set; } = [];

    /// <summary>Directory that relative <c>IncludePaths</c> are resolved against.</summary>
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The project's <c>NoWarn</c>: dtc check names in it are disabled (codes are handled by MSBuild).</summary>
    public string? NoWarn { get; set; }

    /// <summary>The project's <c>WarningsAsErrors</c>: dtc check names in it become errors.</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>
    /// Files every tree also depends on (the settings stamp, the task assembly, the targets; none: always compile): a tree whose output is
    /// newer than these, its source and every file its dependency file lists is skipped, so touching one
    /// <c>.dtsi</c> recompiles only the trees that include it.
    /// </summary>
    public ITaskItem[] SharedInputs { get; set; } = [];

    /// <summary>The outputs written, with the source's metadata.</summary>
    [Output] public ITaskItem[] CompiledFiles { get; private set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        var reporter = new DiagnosticReporter(Log);
        var projectChecks = DeviceTreeSettings.ProjectChecks(NoWarn, WarningsAsErrors);
        var projectDirectory = ProjectDirectory.Length > 0 ? ProjectDirectory : Directory.GetCurrentDirectory();
        var compiled = new List<ITaskItem>();
        foreach (var source in Sources)
        {
            var file = source.GetMetadata("FullPath");
            try
            {
                if (UpToDate.Check(source, file, SharedInputs))
                {
                    Log.LogMessage(MessageImportance.Normal, "{0}: up to date", file);
                    continue;
                }
                if (CompileOne(source, file, projectDirectory, projectChecks, reporter) is { } output)
                    compiled.Add(output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reporter.ReportTaskError(TaskErrorCode, file, e.Message);
            }
            catch (Exception e)
            {
                // A compiler bug must still fail the build at the file that caused it, not with a stack trace.
                reporter.ReportTaskError(TaskErrorCode, file, $"internal compiler error ({e.GetType().Name}): {e.Message}");
            }
        }
        CompiledFiles = compiled.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem? CompileOne(ITaskItem source, string file, string projectDirectory,
        IReadOnlyList<(bool, string)> projectChecks, DiagnosticReporter reporter)
    {
        var options = DeviceTreeSettings.ToOptions(source, projectDirectory, projectChecks, out var settingsError);
        if (settingsError != null)
        {
            reporter.ReportTaskError(TaskErrorCode, file, settingsError);
            return null;
        }
        if (options.Output == "-")
        {
            reporter.ReportTaskError(TaskErrorCode, file, "the item has no OutputFile metadata");
            return null;
        }

        Log.LogMessage(MessageImportance.Low, "Compiling {0} -> {1}", file, options.Output);
        var result = DtcCompiler.Compile(options, DiskFileSource.Instance);

        var hadLocatedError = false;
        foreach (var d in result.Diagnostics)
            if (d.IsError && d.Span != null) hadLocatedError = true;
        foreach (var d in result.Diagnostics)
        {
            // dtc's closing "Syntax error parsing input tree" restates the located errors above it.
            if (d.IsError && d.Span == null && hadLocatedError)
                Log.LogMessage(MessageImportance.Normal, "{0}: {1}", file, d.Message);
            else
                reporter.Report(d, file);
        }

        if (source.GetMetadata("DependencyFile") is { Length: > 0 } depFile)
            DependencyFile.Write(depFile, result.OpenedFiles);
        if (result.Tree != null && DeviceTreeSettings.Flag(source, "Lint", false))
            IommuLint.Run(result.Tree, IommuLint.Settings(source, NoWarn, WarningsAsErrors), reporter, file);

        if (result.ExitCode != 0 || result.Output == null)
        {
            if (!hadLocatedError && !HasError(result))
                reporter.ReportTaskError(TaskErrorCode, file, $"compilation failed with exit status {result.ExitCode}");
            return null;
        }
        AtomicWrite(options.Output, result.Output);
        var item = new TaskItem(options.Output);
        source.CopyMetadataTo(item);
        return item;
    }

    private static bool HasError(CompileResult result)
    {
        foreach (var d in result.Diagnostics)
            if (d.IsError) return true;
        return false;
    }

    private static void AtomicWrite(string path, byte[] bytes)
    {
        // Through a temporary and a rename: a cancelled build never leaves a truncated blob that looks up to date.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        if (File.Exists(path)) File.Delete(path);
        File.Move(temp, path);
    }
}
