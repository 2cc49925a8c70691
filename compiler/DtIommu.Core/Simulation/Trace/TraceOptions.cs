using System.Collections.Generic;
using System.Linq;
using DtIommu.Diagnostics;

namespace DtIommu.Simulation.Trace;

/// <summary>The key=value options and bare flags of one trace statement, checked against what the statement accepts.</summary>
internal sealed class TraceOptions
{
    private readonly Dictionary<string, TraceToken> _values = [];
    private readonly HashSet<string> _flags = [];
    private readonly TraceLine _line;

    private TraceOptions(TraceLine line) => _line = line;

    /// <summary>Reads tokens from <paramref name="start"/>; reports unknown and repeated options.</summary>
    public static TraceOptions Read(TraceLine line, int start, string what, IReadOnlyCollection<string> keys, IReadOnlyCollection<string> flags)
    {
        var o = new TraceOptions(line);
        for (int i = start; i < line.Tokens.Count; i++)
        {
            var t = line.Tokens[i];
            string name = t.Key ?? t.Text;
            bool isKey = t.Key != null;
            bool known = isKey ? keys.Contains(name) || flags.Contains(name) : flags.Contains(name);
            if (!known)
            {
                var accepted = keys.Select(k => k + "=").Concat(flags).ToList();
                string list = accepted.Count == 0 ? "it takes none" : "expected one of: " + string.Join(", ", accepted);
                line.Report(TraceDiagnostics.UnknownOption, t.Span(line.File, line.Number), isKey || keys.Count + flags.Count > 0
                    ? $"unknown option '{t.Text}' for {what}; {list}"
                    : $"unexpected argument '{t.Text}' for {what}");
                continue;
            }
            if (o._values.ContainsKey(name) || o._flags.Contains(name))
            {
                line.Report(TraceDiagnostics.UnknownOption, t.Span(line.File, line.Number), $"option '{name}' given twice");
                continue;
            }
            if (isKey) o._values[name] = t;
            else o._flags.Add(name);
        }
        return o;
    }

    /// <summary>True when the key was given in any form.</summary>
    public bool Has(string key) => _values.ContainsKey(key) || _flags.Contains(key);

    /// <summary>The raw token of a key=value option.</summary>
    public TraceToken? Token(string key) => _values.TryGetValue(key, out var t) ? t : null;

    /// <summary>A numeric option.</summary>
    public ulong U64(string key, ulong fallback) => _values.TryGetValue(key, out var t) ? _line.NumberValue(t, key) ?? fallback : fallback;

    /// <summary>A small numeric option.</summary>
    public int Int(string key, int fallback)
    {
        if (!_values.TryGetValue(key, out var t)) return fallback;
        var v = _line.NumberValue(t, key);
        if (v == null) return fallback;
        if (v > int.MaxValue) { _line.Report(TraceDiagnostics.BadValue, t.ValueSpan(_line.File, _line.Number), $"{key}={t.Value} is too large"); return fallback; }
        return (int)v.Value;
    }

    /// <summary>A boolean option: a bare flag means true; key=0/1/on/off/yes/no/true/false.</summary>
    public bool Bool(string key, bool fallback)
    {
        if (_flags.Contains(key)) return true;
        if (!_values.TryGetValue(key, out var t)) return fallback;
        switch (t.Value!.ToLowerInvariant())
        {
            case "1": case "on": case "yes": case "true": return true;
            case "0": case "off": case "no": case "false": return false;
        }
        _line.Report(TraceDiagnostics.BadValue, t.ValueSpan(_line.File, _line.Number), $"{key}={t.Value}: expected 0, 1, on, off, yes, no, true or false");
        return fallback;
    }
}
