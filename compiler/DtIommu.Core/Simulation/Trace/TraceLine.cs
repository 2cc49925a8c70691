using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>One tokenized trace line and the helpers statement parsers use to read it with located errors.</summary>
internal sealed class TraceLine
{
    private readonly DiagnosticBag _bag;

    public TraceLine(string file, int number, IReadOnlyList<TraceToken> tokens, DiagnosticBag bag)
    {
        File = file;
        Number = number;
        Tokens = tokens;
        _bag = bag;
    }

    public string File { get; }

    public int Number { get; }

    public IReadOnlyList<TraceToken> Tokens { get; }

    /// <summary>Set when any error was reported for this line: the statement is then dropped.</summary>
    public bool Failed { get; private set; }

    public SourceSpan Span => Tokens[0].Span(File, Number).To(Tokens[Tokens.Count - 1].Span(File, Number));

    public string Text
    {
        get
        {
            if (Tokens.Count == 1) return Tokens[0].Text;
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < Tokens.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                sb.Append(Tokens[i].Text);
            }
            return sb.ToString();
        }
    }

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message)
    {
        Failed = true;
        _bag.Report(descriptor, message, span);
    }

    /// <summary>The positional argument at <paramref name="index"/>, or an error at the end of the line naming what is missing.</summary>
    public TraceToken? Arg(int index, string what)
    {
        if (index < Tokens.Count && Tokens[index].Key == null) return Tokens[index];
        var at = index < Tokens.Count ? Tokens[index].Span(File, Number) : EndSpan();
        Report(TraceDiagnostics.MissingArgument, at, $"'{Tokens[0].Text}' needs {what}" + (index < Tokens.Count ? $" before '{Tokens[index].Text}'" : ""));
        return null;
    }

    public TraceName? Name(int index, string what) => Arg(index, what) is TraceToken t ? new TraceName(t.Text, t.Span(File, Number)) : null;

    public SourceSpan EndSpan()
    {
        var last = Tokens[Tokens.Count - 1];
        return SourceSpan.At(File, Number, last.Column + last.Length);
    }

    /// <summary>Reports every token from <paramref name="index"/> on as unexpected.</summary>
    public void NoMoreArgs(int index)
    {
        for (int i = index; i < Tokens.Count; i++)
            Report(TraceDiagnostics.UnexpectedArgument, Tokens[i].Span(File, Number), $"unexpected argument '{Tokens[i].Text}' for '{Tokens[0].Text}'");
    }

    public ulong? Num(TraceToken? token, string what)
    {
        if (token == null) return null;
        var v = TraceLexer.ParseNumber(token.Text);
        if (v == null) Report(TraceDiagnostics.BadNumber, token.Span(File, Number), $"invalid number '{token.Text}' for {what}");
        return v;
    }

    public ulong? NumberValue(TraceToken token, string key)
    {
        var v = TraceLexer.ParseNumber(token.Value ?? "");
        if (v == null) Report(TraceDiagnostics.BadNumber, token.ValueSpan(File, Number), $"invalid number '{token.Value}' for {key}");
        return v;
    }
}
