using System;
using DtIommu.Diagnostics;

namespace DtIommu.Checks;

/// <summary>
/// The warning and error flags of every check, changed by <c>-W</c> and <c>-E</c> in command-line order with dtc's
/// propagation: raising a check raises its prerequisites, lowering one lowers every check that depends on it.
/// </summary>
public sealed class CheckSettings
{
    private readonly bool[] _warn;
    private readonly bool[] _error;

    /// <summary>Creates settings with dtc's default levels.</summary>
    public CheckSettings()
    {
        var all = CheckTable.All;
        _warn = new bool[all.Count];
        _error = new bool[all.Count];
        foreach (var c in all)
        {
            _warn[c.Index] = c.DefaultWarning;
            _error[c.Index] = c.DefaultError;
        }
    }

    /// <summary>Applies a <c>-W</c> argument (<c>name</c>, <c>no-name</c> or <c>no_name</c>); false with a message for an unknown name.</summary>
    public bool TryApplyWarningOption(string argument, out string? errorMessage) => TryApply(argument, true, false, out errorMessage);

    /// <summary>Applies an <c>-E</c> argument (<c>name</c>, <c>no-name</c> or <c>no_name</c>); false with a message for an unknown name.</summary>
    public bool TryApplyErrorOption(string argument, out string? errorMessage) => TryApply(argument, false, true, out errorMessage);

    /// <summary>dtc's <c>parse_checks_option</c>: enables or (with a <c>no-</c>/<c>no_</c> prefix) disables the named check.</summary>
    public bool TryApply(string argument, bool warn, bool error, out string? errorMessage)
    {
        var name = argument;
        var enable = true;
        if (argument.StartsWith("no-", StringComparison.Ordinal) || argument.StartsWith("no_", StringComparison.Ordinal))
        {
            name = argument.Substring(3);
            enable = false;
        }
        var check = CheckTable.Find(name);
        if (check == null)
        {
            errorMessage = "Unrecognized check name \"" + name + "\"";
            return false;
        }
        if (enable) Enable(check, warn, error);
        else Disable(check, warn, error);
        errorMessage = null;
        return true;
    }

    /// <summary>Raises a check (and its prerequisites) to warning and/or error level.</summary>
    public void Enable(Check check, bool warn, bool error)
    {
        var i = check.Index;
        if ((warn && !_warn[i]) || (error && !_error[i]))
            foreach (var p in check.PrerequisiteList) Enable(p, warn, error);
        _warn[i] = _warn[i] || warn;
        _error[i] = _error[i] || error;
    }

    /// <summary>Lowers a check's warning and/or error level, and that of every check depending on it.</summary>
    public void Disable(Check check, bool warn, bool error)
    {
        var i = check.Index;
        if ((warn && _warn[i]) || (error && _error[i]))
            foreach (var dependant in CheckTable.DependantsOf(check)) Disable(dependant, warn, error);
        _warn[i] = _warn[i] && !warn;
        _error[i] = _error[i] && !error;
    }

    /// <summary>True when the check's warning flag is set.</summary>
    public bool IsWarning(Check check) => _warn[check.Index];

    /// <summary>True when the check's error flag is set.</summary>
    public bool IsError(Check check) => _error[check.Index];

    /// <summary>True when the check runs on its own (not only as someone's prerequisite).</summary>
    public bool IsEnabled(Check check) => _warn[check.Index] || _error[check.Index];

    /// <summary>The severity its failures are reported with; <see cref="Severity.Off"/> when they are not reported.</summary>
    public Severity GetSeverity(Check check) =>
        _error[check.Index] ? Severity.Error : _warn[check.Index] ? Severity.Warning : Severity.Off;
}
