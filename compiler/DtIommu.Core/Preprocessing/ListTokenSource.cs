using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>Reads a fixed list of tokens, then end-of-input forever: the rest of a directive line.</summary>
internal sealed class ListTokenSource : IPpTokenSource
{
    private readonly IReadOnlyList<PpToken> _tokens;
    private readonly PpToken _end;
    private int _pos;

    public ListTokenSource(IReadOnlyList<PpToken> tokens, int start, PpToken end)
    {
        _tokens = tokens;
        _pos = start;
        _end = end;
    }

    public PpToken Next() => _pos < _tokens.Count ? _tokens[_pos++] : _end;

    public void Pushback(PpToken token)
    {
        if (token.Kind != PpTokenKind.EndOfInput && _pos > 0) _pos--;
    }
}
