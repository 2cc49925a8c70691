using System;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace DtIommu.Syntax;

/// <summary>
/// An unbuffered token stream that scans the next token only when the parser asks for it. The runtime's stream
/// scans one token past every consumed one; dtc's bison parser reads its lookahead only when a state needs it,
/// after the reductions (and their errors: division by zero, a reference in a 16-bit array) that the token just
/// shifted completes. Scanning late puts a token's lexical error after those, where dtc prints it.
/// </summary>
/// <remarks>
/// It keeps the runtime's unbuffered stream's contract (marks, seeks back to a mark, LT(-1) after a seek) over a
/// buffer of <see cref="DtsToken"/> read straight from <see cref="DtsTokenSource"/>: the runtime's buffer holds
/// interface-typed tokens, whose every store was a type check, a few percent of a parse.
/// </remarks>
internal sealed class LazyTokenStream : ITokenStream
{
    private readonly DtsTokenSource _source;
    private DtsToken[] _tokens = new DtsToken[256];
    private int _n;
    // The current token's place in the buffer, and its index in the whole stream.
    private int _p;
    private int _index;
    private int _markers;
    // LT(-1), and what LT(-1) is after a seek back to the buffer's start.
    private DtsToken? _last;
    private DtsToken? _lastAtBufferStart;

    /// <summary>Reads from <paramref name="source"/>; its first token is scanned at once, as the runtime's stream does.</summary>
    public LazyTokenStream(DtsTokenSource source)
    {
        _source = source;
        Fill(1);
    }

    private int BufferStart => _index - _p;

    /// <summary>
    /// The index of the oldest token the stream may still hand out (through LT, LT(-1) or a seek back): tokens
    /// before it are the parser's alone.
    /// </summary>
    public int OldestHeldIndex
    {
        get
        {
            var oldest = BufferStart;
            if (_last != null && _last.TokenIndex < oldest) oldest = _last.TokenIndex;
            if (_lastAtBufferStart != null && _lastAtBufferStart.TokenIndex < oldest) oldest = _lastAtBufferStart.TokenIndex;
            return oldest;
        }
    }

    /// <inheritdoc/>
    public IToken LT(int i)
    {
        // The parser asks for the current token far more than for any other: when it is scanned already, it is read
        // straight from the buffer.
        if (i == 1 && _p < _n) return _tokens[_p];
        if (i == -1) return _last!;
        Sync(i);
        var at = _p + i - 1;
        if (at < 0) throw new ArgumentOutOfRangeException(nameof(i), $"LT({i}) gives negative index");
        return at >= _n ? _tokens[_n - 1] : _tokens[at];
    }

    /// <inheritdoc/>
    public int LA(int i) => i == 1 && _p < _n ? _tokens[_p].Type : LT(i).Type;

    /// <inheritdoc/>
    public IToken Get(int i)
    {
        var start = BufferStart;
        if (i < start || i >= start + _n)
            throw new ArgumentOutOfRangeException(nameof(i), $"get({i}) outside buffer: {start}..{start + _n}");
        return _tokens[i - start];
    }

    /// <summary>Consumes the current token, without scanning the next one: LT(1) does when it is first wanted.</summary>
    public void Consume()
    {
        if (LA(1) == TokenConstants.EOF) throw new InvalidOperationException("cannot consume EOF");
        _last = _tokens[_p];
        // At the last buffered token with no marks: the buffer starts over.
        if (_p == _n - 1 && _markers == 0)
        {
            _n = 0;
            _p = -1;
            _lastAtBufferStart = _last;
        }
        _p++;
        _index++;
    }

    private void Sync(int want)
    {
        var need = _p + want - 1 - _n + 1;
        if (need > 0) Fill(need);
    }

    private void Fill(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_n > 0 && _tokens[_n - 1].Type == TokenConstants.EOF) return;
            var token = _source.Next();
            if (_n == _tokens.Length) Array.Resize(ref _tokens, _tokens.Length * 2);
            token.TokenIndex = BufferStart + _n;
            _tokens[_n++] = token;
        }
    }

    /// <inheritdoc/>
    public int Mark()
    {
        if (_markers == 0) _lastAtBufferStart = _last;
        return -++_markers;
    }

    /// <inheritdoc/>
    public void Release(int marker)
    {
        if (marker != -_markers) throw new InvalidOperationException("release() called with an invalid marker.");
        if (--_markers > 0) return;
        // No marks left: the tokens before the current one are dropped.
        if (_p > 0)
        {
            Array.Copy(_tokens, _p, _tokens, 0, _n - _p);
            _n -= _p;
            _p = 0;
        }
        _lastAtBufferStart = _last;
    }

    /// <inheritdoc/>
    public int Index => _index;

    /// <inheritdoc/>
    public void Seek(int index)
    {
        if (index == _index) return;
        if (index > _index)
        {
            Sync(index - _index);
            index = Math.Min(index, BufferStart + _n - 1);
        }
        var i = index - BufferStart;
        if (i < 0) throw new ArgumentException($"cannot seek to negative index {index}");
        if (i >= _n) throw new NotSupportedException($"seek to index outside buffer: {index} not in {BufferStart}..{BufferStart + _n}");
        _p = i;
        _index = index;
        _last = _p == 0 ? _lastAtBufferStart : _tokens[_p - 1];
    }

    /// <inheritdoc/>
    public int Size => throw new NotSupportedException("Unbuffered stream cannot know its size");

    /// <inheritdoc/>
    public string SourceName => _source.SourceName;

    /// <inheritdoc/>
    public ITokenSource TokenSource => _source;

    /// <inheritdoc/>
    public string GetText() => string.Empty;

    /// <inheritdoc/>
    public string GetText(RuleContext ctx) => GetText(ctx.SourceInterval);

    /// <inheritdoc/>
    public string GetText(IToken start, IToken stop) => GetText(Interval.Of(start.TokenIndex, stop.TokenIndex));

    /// <inheritdoc/>
    public string GetText(Interval interval)
    {
        var start = BufferStart;
        if (interval.a < start || interval.b > start + _tokens.Length - 1)
            throw new NotSupportedException($"interval {interval} not in token buffer window: {start}..{start + _tokens.Length - 1}");
        var text = new StringBuilder();
        for (var i = interval.a - start; i <= interval.b - start && i < _n; i++)
        {
            var token = _tokens[i];
            if (token.Type == TokenConstants.EOF) break;
            text.Append(token.Text);
        }
        return text.ToString();
    }
}
