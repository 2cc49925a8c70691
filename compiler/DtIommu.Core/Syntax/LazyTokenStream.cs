using Antlr4.Runtime;

namespace DtIommu.Syntax;

/// <summary>
/// An unbuffered token stream that scans the next token only when the parser asks for it. The runtime's stream
/// scans one token past every consumed one; dtc's bison parser reads its lookahead only when a state needs it,
/// after the reductions (and their errors: division by zero, a reference in a 16-bit array) that the token just
/// shifted completes. Scanning late puts a token's lexical error after those, where dtc prints it.
/// </summary>
internal sealed class LazyTokenStream : UnbufferedTokenStream
{
    public LazyTokenStream(ITokenSource source) : base(source)
    {
    }

    /// <summary>
    /// The index of the oldest token the stream may still hand out (through LT, LT(-1) or a seek back): tokens
    /// before it are the parser's alone.
    /// </summary>
    public int OldestHeldIndex
    {
        get
        {
            var oldest = currentTokenIndex - p;
            if (lastToken != null && lastToken.TokenIndex < oldest) oldest = lastToken.TokenIndex;
            if (lastTokenBufferStart != null && lastTokenBufferStart.TokenIndex < oldest) oldest = lastTokenBufferStart.TokenIndex;
            return oldest;
        }
    }

    /// <inheritdoc/>
    public override void Consume()
    {
        if (LA(1) == TokenConstants.EOF) throw new System.InvalidOperationException("cannot consume EOF");
        // As the base class does, less its final Sync(1): LT(1) scans the next token when it is first wanted.
        lastToken = tokens[p];
        if (p == n - 1 && numMarkers == 0)
        {
            n = 0;
            p = -1;
            lastTokenBufferStart = lastToken;
        }
        p++;
        currentTokenIndex++;
    }
}
