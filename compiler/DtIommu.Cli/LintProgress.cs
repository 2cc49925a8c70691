using System.Diagnostics;

namespace DtIommu.Cli;

/// <summary>
/// A one-line progress report on standard error for long runs (<c>linting 120/1100: board.dts</c>), redrawn with a
/// carriage return: only when standard error is a terminal and the run has taken over a second; no escape codes.
/// </summary>
internal sealed class LintProgress
{
    private const int Width = 79;
    private readonly int _total;
    private readonly bool _enabled;
    // How long a run goes before progress shows; DTIOMMU_PROGRESS_AFTER_MS changes it (tests set 0).
    private readonly long _after = long.TryParse(Environment.GetEnvironmentVariable("DTIOMMU_PROGRESS_AFTER_MS"), out var ms) ? ms : 1000;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _shown;

    public LintProgress(int total)
    {
        _total = total;
        _enabled = total > 1 && !Console.IsErrorRedirected;
    }

    /// <summary>Reports that board number <paramref name="index"/> (from 0) is about to be linted.</summary>
    public void Next(int index, string board)
    {
        if (!_enabled || _clock.ElapsedMilliseconds < _after) return;
        var text = $"linting {index + 1}/{_total}: {board}";
        if (text.Length > Width) text = text[..(Width - 3)] + "...";
        Console.Error.Write("\r" + text.PadRight(Width));
        _shown = true;
    }

    /// <summary>Clears the line, so the report starts on a clean one.</summary>
    public void Done()
    {
        if (_shown) Console.Error.Write("\r" + new string(' ', Width) + "\r");
    }
}
