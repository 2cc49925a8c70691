using System.Collections.Generic;
using System.Text;

namespace DtIommu.Writers.Yaml;

/// <summary>
/// A port of libyaml 0.2.5's emitter (default settings: indent 2, width 80, no unicode, LF breaks) for the events
/// dtc's <c>yamltree.c</c> produces, so that the text, quoting, tags and line wrapping come out byte for byte.
/// The event list is complete before emitting, which gives the lookahead libyaml gets by queueing events.
/// </summary>
internal sealed class YamlEmitter
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;
    private const string TagPrefix = "tag:yaml.org,2002:";

    private enum State
    {
        StreamStart,
        FirstDocumentStart,
        DocumentStart,
        DocumentContent,
        DocumentEnd,
        FlowSequenceFirstItem,
        FlowSequenceItem,
        FlowMappingFirstKey,
        FlowMappingKey,
        FlowMappingSimpleValue,
        FlowMappingValue,
        BlockSequenceFirstItem,
        BlockSequenceItem,
        BlockMappingFirstKey,
        BlockMappingKey,
        BlockMappingSimpleValue,
        BlockMappingValue,
        End,
    }

    private readonly StringBuilder _out = new();
    private readonly IReadOnlyList<YamlEvent> _events;
    private readonly Stack<State> _states = new();
    private readonly Stack<int> _indents = new();
    private State _state = State.StreamStart;
    private int _head;
    private int _indent = -1;
    private int _flowLevel;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private bool _mappingContext;
    private bool _simpleKeyContext;

    // Analysis of the event at the head, as libyaml's anchor/tag/scalar data.
    private string? _tagHandle;
    private string? _tagSuffix;
    private YamlScalarAnalysis _scalar;
    private YamlStyle _scalarStyle;

    private YamlEmitter(IReadOnlyList<YamlEvent> events) => _events = events;

    /// <summary>The text libyaml writes for <paramref name="events"/>.</summary>
    public static string Emit(IReadOnlyList<YamlEvent> events)
    {
        var e = new YamlEmitter(events);
        for (e._head = 0; e._head < events.Count; e._head++)
        {
            var ev = events[e._head];
            e.Analyze(ev);
            e.Dispatch(ev);
        }
        return e._out.ToString();
    }

    private YamlEvent? Next => _head + 1 < _events.Count ? _events[_head + 1] : null;

    private void Dispatch(YamlEvent ev)
    {
        switch (_state)
        {
            case State.StreamStart: StreamStart(ev); break;
            case State.FirstDocumentStart:
            case State.DocumentStart: DocumentStart(ev); break;
            case State.DocumentContent:
                _states.Push(State.DocumentEnd);
                Node(ev, mapping: false, simpleKey: false);
                break;
            case State.DocumentEnd: DocumentEnd(ev); break;
            case State.FlowSequenceFirstItem: FlowSequenceItem(ev, true); break;
            case State.FlowSequenceItem: FlowSequenceItem(ev, false); break;
            case State.FlowMappingFirstKey: FlowMappingKey(ev, true); break;
            case State.FlowMappingKey: FlowMappingKey(ev, false); break;
            case State.FlowMappingSimpleValue: FlowMappingValue(ev, true); break;
            case State.FlowMappingValue: FlowMappingValue(ev, false); break;
            case State.BlockSequenceFirstItem: BlockSequenceItem(ev, true); break;
            case State.BlockSequenceItem: BlockSequenceItem(ev, false); break;
            case State.BlockMappingFirstKey: BlockMappingKey(ev, true); break;
            case State.BlockMappingKey: BlockMappingKey(ev, false); break;
            case State.BlockMappingSimpleValue: BlockMappingValue(ev, true); break;
            case State.BlockMappingValue: BlockMappingValue(ev, false); break;
            default: throw Unexpected(ev);
        }
    }

    private static System.InvalidOperationException Unexpected(YamlEvent ev) =>
        new($"YAML event {ev.Kind} out of order");

    private void StreamStart(YamlEvent ev)
    {
        if (ev.Kind != YamlEventKind.StreamStart) throw Unexpected(ev);
        _state = State.FirstDocumentStart;
    }

    private void DocumentStart(YamlEvent ev)
    {
        if (ev.Kind == YamlEventKind.StreamEnd)
        {
            _state = State.End;
            return;
        }
        if (ev.Kind != YamlEventKind.DocumentStart) throw Unexpected(ev);
        // dtc asks for an explicit document start.
        WriteIndent();
        WriteIndicator("---", true, false, false);
        _state = State.DocumentContent;
    }

    private void DocumentEnd(YamlEvent ev)
    {
        if (ev.Kind != YamlEventKind.DocumentEnd) throw Unexpected(ev);
        // dtc asks for an explicit document end.
        WriteIndent();
        WriteIndicator("...", true, false, false);
        WriteIndent();
        _state = State.DocumentStart;
    }

    private void FlowSequenceItem(YamlEvent ev, bool first)
    {
        if (first)
        {
            WriteIndicator("[", true, true, false);
            IncreaseIndent(true, false);
            _flowLevel++;
        }
        if (ev.Kind == YamlEventKind.SequenceEnd)
        {
            _flowLevel--;
            _indent = _indents.Pop();
            WriteIndicator("]", false, false, false);
            _state = _states.Pop();
            return;
        }
        if (!first) WriteIndicator(",", false, false, false);
        if (_column > BestWidth) WriteIndent();
        _states.Push(State.FlowSequenceItem);
        Node(ev, mapping: false, simpleKey: false);
    }

    private void FlowMappingKey(YamlEvent ev, bool first)
    {
        if (first)
        {
            WriteIndicator("{", true, true, false);
            IncreaseIndent(true, false);
            _flowLevel++;
        }
        if (ev.Kind == YamlEventKind.MappingEnd)
        {
            _flowLevel--;
            _indent = _indents.Pop();
            WriteIndicator("}", false, false, false);
            _state = _states.Pop();
            return;
        }
        if (!first) WriteIndicator(",", false, false, false);
        if (_column > BestWidth) WriteIndent();
        if (CheckSimpleKey(ev))
        {
            _states.Push(State.FlowMappingSimpleValue);
            Node(ev, mapping: true, simpleKey: true);
        }
        else
        {
            WriteIndicator("?", true, false, false);
            _states.Push(State.FlowMappingValue);
            Node(ev, mapping: true, simpleKey: false);
        }
    }

    private void FlowMappingValue(YamlEvent ev, bool simple)
    {
        if (simple)
        {
            WriteIndicator(":", false, false, false);
        }
        else
        {
            if (_column > BestWidth) WriteIndent();
            WriteIndicator(":", true, false, false);
        }
        _states.Push(State.FlowMappingKey);
        Node(ev, mapping: true, simpleKey: false);
    }

    private void BlockSequenceItem(YamlEvent ev, bool first)
    {
        if (first) IncreaseIndent(false, _mappingContext && !_indention);
        if (ev.Kind == YamlEventKind.SequenceEnd)
        {
            _indent = _indents.Pop();
            _state = _states.Pop();
            return;
        }
        WriteIndent();
        WriteIndicator("-", true, false, true);
        _states.Push(State.BlockSequenceItem);
        Node(ev, mapping: false, simpleKey: false);
    }

    private void BlockMappingKey(YamlEvent ev, bool first)
    {
        if (first) IncreaseIndent(false, false);
        if (ev.Kind == YamlEventKind.MappingEnd)
        {
            _indent = _indents.Pop();
            _state = _states.Pop();
            return;
        }
        WriteIndent();
        if (CheckSimpleKey(ev))
        {
            _states.Push(State.BlockMappingSimpleValue);
            Node(ev, mapping: true, simpleKey: true);
        }
        else
        {
            WriteIndicator("?", true, false, true);
            _states.Push(State.BlockMappingValue);
            Node(ev, mapping: true, simpleKey: false);
        }
    }

    private void BlockMappingValue(YamlEvent ev, bool simple)
    {
        if (simple)
        {
            WriteIndicator(":", false, false, false);
        }
        else
        {
            WriteIndent();
            WriteIndicator(":", true, false, true);
        }
        _states.Push(State.BlockMappingKey);
        Node(ev, mapping: true, simpleKey: false);
    }

    private void Node(YamlEvent ev, bool mapping, bool simpleKey)
    {
        _mappingContext = mapping;
        _simpleKeyContext = simpleKey;
        switch (ev.Kind)
        {
            case YamlEventKind.Scalar:
                SelectScalarStyle(ev);
                ProcessTag();
                IncreaseIndent(true, false);
                ProcessScalar(ev.Value!);
                _indent = _indents.Pop();
                _state = _states.Pop();
                break;
            case YamlEventKind.SequenceStart:
                ProcessTag();
                _state = _flowLevel > 0 || ev.Style == YamlStyle.Flow || Next?.Kind == YamlEventKind.SequenceEnd
                    ? State.FlowSequenceFirstItem
                    : State.BlockSequenceFirstItem;
                break;
            case YamlEventKind.MappingStart:
                ProcessTag();
                _state = _flowLevel > 0 || ev.Style == YamlStyle.Flow || Next?.Kind == YamlEventKind.MappingEnd
                    ? State.FlowMappingFirstKey
                    : State.BlockMappingFirstKey;
                break;
            default:
                throw Unexpected(ev);
        }
    }

    private bool CheckSimpleKey(YamlEvent ev)
    {
        var length = (_tagHandle?.Length ?? 0) + (_tagSuffix?.Length ?? 0);
        switch (ev.Kind)
        {
            case YamlEventKind.Scalar:
                if (_scalar.Multiline) return false;
                length += ev.Value!.Length;
                break;
            case YamlEventKind.SequenceStart:
                if (Next?.Kind != YamlEventKind.SequenceEnd) return false;
                break;
            case YamlEventKind.MappingStart:
                if (Next?.Kind != YamlEventKind.MappingEnd) return false;
                break;
            default:
                return false;
        }
        return length <= 128;
    }

    private void Analyze(YamlEvent ev)
    {
        _tagHandle = null;
        _tagSuffix = null;
        switch (ev.Kind)
        {
            case YamlEventKind.Scalar:
                if (ev.Tag != null && !ev.PlainImplicit && !ev.QuotedImplicit) AnalyzeTag(ev.Tag);
                _scalar = YamlScalarAnalysis.Of(ev.Value!);
                break;
            case YamlEventKind.SequenceStart:
            case YamlEventKind.MappingStart:
                if (ev.Tag != null && !ev.PlainImplicit) AnalyzeTag(ev.Tag);
                break;
        }
    }

    private void AnalyzeTag(string tag)
    {
        // The default directives, in libyaml's order: "!" for "!", then "!!" for the yaml.org prefix.
        if (tag.Length > 1 && tag[0] == '!')
        {
            _tagHandle = "!";
            _tagSuffix = tag.Substring(1);
        }
        else if (tag.Length > TagPrefix.Length && tag.StartsWith(TagPrefix, System.StringComparison.Ordinal))
        {
            _tagHandle = "!!";
            _tagSuffix = tag.Substring(TagPrefix.Length);
        }
        else
        {
            _tagSuffix = tag;
        }
    }

    private void SelectScalarStyle(YamlEvent ev)
    {
        var noTag = _tagHandle == null && _tagSuffix == null;
        if (noTag && !ev.PlainImplicit && !ev.QuotedImplicit)
            throw new System.InvalidOperationException("neither tag nor implicit flags are specified");

        var style = ev.Style == YamlStyle.Any ? YamlStyle.Plain : ev.Style;
        if (_simpleKeyContext && _scalar.Multiline) style = YamlStyle.DoubleQuoted;
        if (style == YamlStyle.Plain)
        {
            if ((_flowLevel > 0 && !_scalar.FlowPlainAllowed) || (_flowLevel == 0 && !_scalar.BlockPlainAllowed))
                style = YamlStyle.SingleQuoted;
            if (ev.Value!.Length == 0 && (_flowLevel > 0 || _simpleKeyContext)) style = YamlStyle.SingleQuoted;
            if (noTag && !ev.PlainImplicit) style = YamlStyle.SingleQuoted;
        }
        if (style == YamlStyle.SingleQuoted && !_scalar.SingleQuotedAllowed) style = YamlStyle.DoubleQuoted;
        // A quoted scalar that may not resolve implicitly gets the non-specific tag "!".
        if (noTag && !ev.QuotedImplicit && style != YamlStyle.Plain) _tagHandle = "!";
        _scalarStyle = style;
    }

    private void ProcessTag()
    {
        if (_tagHandle == null && _tagSuffix == null) return;
        if (_tagHandle != null)
        {
            WriteTagHandle(_tagHandle);
            if (_tagSuffix != null) WriteTagContent(_tagSuffix);
        }
        else
        {
            WriteIndicator("!<", true, false, false);
            WriteTagContent(_tagSuffix!);
            WriteIndicator(">", false, false, false);
        }
    }

    private void ProcessScalar(string value)
    {
        var allowBreaks = !_simpleKeyContext;
        switch (_scalarStyle)
        {
            case YamlStyle.SingleQuoted: YamlScalarWriter.SingleQuoted(this, value, allowBreaks); break;
            case YamlStyle.DoubleQuoted: YamlScalarWriter.DoubleQuoted(this, value, allowBreaks); break;
            default: YamlScalarWriter.Plain(this, value, allowBreaks, _flowLevel > 0); break;
        }
    }

    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent < 0) _indent = flow ? BestIndent : 0;
        else if (!indentless) _indent += BestIndent;
    }

    // ------------------------------------------------------------------ writers

    /// <summary>Whether a line may be broken at this column.</summary>
    internal bool PastWidth => _column > BestWidth;

    /// <summary>libyaml's <c>whitespace</c> flag: the last thing written separates tokens.</summary>
    internal bool Whitespace => _whitespace;

    /// <summary>libyaml's <c>indention</c> flag, which the scalar writers set after a line break.</summary>
    internal bool Indention { set => _indention = value; }

    internal void Put(char c)
    {
        _out.Append(c);
        _column++;
    }

    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
    }

    /// <summary>libyaml's <c>WRITE_BREAK</c> preceded by the extra break a plain or quoted scalar adds for LF.</summary>
    internal void WriteBreak(char c, bool first)
    {
        if (first && c == '\n') PutBreak();
        if (c == '\n')
        {
            PutBreak();
        }
        else
        {
            _out.Append(c);
            _column = 0;
        }
    }

    internal void WriteIndent()
    {
        var indent = _indent >= 0 ? _indent : 0;
        if (!_indention || _column > indent || (_column == indent && !_whitespace)) PutBreak();
        while (_column < indent) Put(' ');
        _whitespace = true;
        _indention = true;
    }

    internal void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace) Put(' ');
        foreach (var c in indicator) Put(c);
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    internal void EndScalar()
    {
        _whitespace = false;
        _indention = false;
    }

    private void WriteTagHandle(string handle)
    {
        if (!_whitespace) Put(' ');
        foreach (var c in handle) Put(c);
        _whitespace = false;
        _indention = false;
    }

    private void WriteTagContent(string content)
    {
        foreach (var c in content)
        {
            if (IsAlpha(c) || ";/?:@&=+$,_.~*'()[]".IndexOf(c) >= 0)
            {
                Put(c);
            }
            else
            {
                Put('%');
                Put(HexUpper(c >> 4));
                Put(HexUpper(c & 0xf));
            }
        }
        _whitespace = false;
        _indention = false;
    }

    internal static char HexUpper(int digit) => (char)(digit < 10 ? '0' + digit : 'A' + digit - 10);

    private static bool IsAlpha(char c) =>
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}
