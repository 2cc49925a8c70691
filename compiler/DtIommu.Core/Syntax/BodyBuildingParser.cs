using System.Diagnostics;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// The DTS parser with <see cref="NodeBodyListener"/> called straight from rule entry, rule exit and token
/// consumption. Registered as an ANTLR parse listener it would make the runtime walk its listener list (allocating
/// an enumerator) on every token and every rule entry; this calls it only where it has something to do.
/// </summary>
internal sealed class BodyBuildingParser : DtsParser
{
    private readonly NodeBodyListener _listener;
    private readonly LazyTokenStream _tokens;
    private readonly DtsParseErrorStrategy _errors;

    public BodyBuildingParser(LazyTokenStream input, NodeBodyListener listener, ParseTreeRecycler recycler, DtsParseErrorStrategy errorStrategy)
        : base(input, errorStrategy)
    {
        _listener = listener;
        _tokens = input;
        _errors = errorStrategy;
        Recycler = recycler;
    }

    // Rule entry and exit do what Parser's do for a parser that builds its parse tree and has no parse listeners
    // (the listener here is called directly), reading the token stream by its own type and taking a context's
    // parent as the DtsRuleContext it always is (the grammar's context superclass): the runtime's checked cast of
    // it was a call on every entry and every exit.

    /// <inheritdoc/>
    public override void ExitRule()
    {
        var ctx = Context;
        // The rule's last token is known before the listener hears of it, as in Parser.ExitRule.
        ctx.Stop = _tokens.LT(-1);
        _listener.ExitEveryRule(ctx);
        if (ctx is PropertyDefinitionContext { Built: not null } property) Recycler!.Release(property, _tokens.OldestHeldIndex);
        else if (ctx is NodeBodyContext { Built: not null } body) Recycler!.ReleaseBody(body, _tokens.OldestHeldIndex);
        State = ctx.invokingState;
        Debug.Assert(ctx.Parent is null or DtsRuleContext);
        Context = Unsafe.As<ParserRuleContext>(ctx.Parent);
    }

    /// <inheritdoc/>
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        if (ParseTreeRecycler.IsRecycledRule(ruleIndex)) localctx.children ??= Recycler!.List();
        State = state;
        Context = localctx;
        localctx.Start = _tokens.LT(1);
        Debug.Assert(localctx.Parent is null or DtsRuleContext);
        if (localctx.Parent is { } parent) Unsafe.As<DtsRuleContext>(parent).AddContext(localctx);
        if (ruleIndex is RULE_memreserve or RULE_devicetree) _listener.AfterHeaders(localctx);
    }

    /// <inheritdoc/>
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        localctx.children ??= Recycler!.List();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    /// <inheritdoc/>
    public override void PushNewRecursionContext(ParserRuleContext localctx, int state, int ruleIndex)
    {
        localctx.children ??= Recycler!.List();
        base.PushNewRecursionContext(localctx, state, ruleIndex);
    }

    /// <summary>
    /// Consumes the current token, then lets the listener do what dtc's parser does on shifting it without a
    /// lookahead (the reductions that complete a cell or an operand), before the next token is scanned.
    /// </summary>
    public override IToken Consume()
    {
        // Parser.Consume for a parser that builds its parse tree and has no parse listeners, with the stream, the
        // context and the error strategy called by their own types. A consumption after an error (none: the
        // strategy stops at the first) takes the runtime's way.
        IToken token;
        if (_errors.InErrorRecoveryMode(this))
        {
            token = base.Consume();
        }
        else
        {
            var current = (DtsToken)_tokens.LT(1);
            if (current.Type != Eof) _tokens.Consume();
            Debug.Assert(Context is DtsRuleContext);
            Unsafe.As<DtsRuleContext>(Context).AddToken(current);
            token = current;
        }
        switch (token.Type)
        {
            case LITERAL:
            case CHAR_LITERAL:
            case RPAREN:
            case LABEL_REF:
            case PATH_REF:
                _listener.Shifted(Context, (DtsToken)token);
                break;
        }
        return token;
    }
}
