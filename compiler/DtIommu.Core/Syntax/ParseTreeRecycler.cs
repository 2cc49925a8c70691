using System;
using Antlr4.Runtime;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Gives the tokens, child lists and value contexts of a built property out again for the rest of the parse.
/// Without it a board allocated about 40 bytes per source byte, half of it those, which nothing reads once the
/// property is built; in a one-board process the collector never runs, so every one of those bytes was a fresh page
/// for the kernel to map. Reused, they stay in a few pages that are mapped and in cache.
/// </summary>
/// <remarks>
/// A token is reused only when nothing can reach it any more: it lies in the subtree of a property built and checked
/// earlier (the property context forgets its first and last token) and the token stream no longer holds it
/// (<see cref="LazyTokenStream.OldestHeldIndex"/>). The contexts below the property are the parser's alone once it
/// has left them; the property's own context stays in its node body's children.
/// </remarks>
internal sealed class ParseTreeRecycler
{
    // Free tokens and lists, as plain arrays used as stacks: the shared generic code of List<T> for reference types
    // cost more than the reuse saved.
    private DtsToken[] _tokens = new DtsToken[64];
    private int _freeTokens;
    private ChildList[] _lists = new ChildList[16];
    private int _freeLists;

    /// <summary>A token for the scanner: a released one made new, or a new one.</summary>
    public DtsToken Token(TokenOrigin origin, int type, int start, int stop, int line, int column)
    {
        if (_freeTokens > 0)
        {
            var token = _tokens[--_freeTokens];
            token.Reuse(origin, type, start, stop, line, column);
            return token;
        }
        TokensMade++;
        return new DtsToken(origin, type, start, stop, line, column);
    }

    /// <summary>How many tokens were made new rather than reused.</summary>
    public int TokensMade { get; private set; }

    /// <summary>How many child lists were made new rather than reused.</summary>
    public int ListsMade { get; private set; }

    // Released contexts, by rule, in slots (DtsRuleContext is a class others derive from).
    private readonly RefSlot<DtsRuleContext>[]?[] _contexts = new RefSlot<DtsRuleContext>[DtsParser.ruleNames.Length][];
    private readonly int[] _freeContexts = new int[DtsParser.ruleNames.Length];

    /// <summary>A released context of rule <paramref name="rule"/> made fresh under <paramref name="parent"/>, or null.</summary>
    public DtsRuleContext? Reused(int rule, ParserRuleContext parent, int invokingState)
    {
        if (_freeContexts[rule] == 0) return null;
        var context = _contexts[rule]![--_freeContexts[rule]].Item!;
        context.Renew(parent, invokingState);
        ContextsReused++;
        return context;
    }

    /// <summary>How many contexts were reused rather than made new.</summary>
    public int ContextsReused { get; private set; }

    private void Free(DtsRuleContext context)
    {
        var rule = context.RuleIndex;
        if (!IsRecycledRule(rule)) return;
        var free = _contexts[rule] ??= new RefSlot<DtsRuleContext>[16];
        var n = _freeContexts[rule];
        if (n == free.Length) Array.Resize(ref _contexts[rule], n * 2);
        _contexts[rule]![n].Item = context;
        _freeContexts[rule] = n + 1;
    }

    /// <summary>An empty child list for a context the parser enters.</summary>
    public ChildList List()
    {
        if (_freeLists > 0) return _lists[--_freeLists];
        ListsMade++;
        return new ChildList();
    }

    // The property built last: its last token is the stream's LT(-1) until the parser moves on, so it is released
    // one property later.
    private DtsParser.PropertyDefinitionContext? _pending;

    /// <summary>
    /// Takes <paramref name="property"/>, which has been built and checked, and releases the one taken before it:
    /// its child lists, and its tokens except those the stream still holds (from index <paramref name="heldFrom"/>
    /// on). A released property keeps no children and no first or last token.
    /// </summary>
    public void Release(DtsParser.PropertyDefinitionContext property, int heldFrom)
    {
        var previous = _pending;
        _pending = property;
        if (previous == null) return;
        // Both are among its children, released below.
        previous.Start = previous.Stop = null;
        ReleaseChildren(previous, heldFrom);
    }

    /// <summary>
    /// Takes <paramref name="body"/>, whose node has been built, and releases what it holds: its child list, its
    /// properties (released before), and its subnodes' contexts and tokens (their bodies released before), except
    /// tokens the stream still holds (from index <paramref name="heldFrom"/> on). The body keeps its node only.
    /// </summary>
    public void ReleaseBody(DtsParser.NodeBodyContext body, int heldFrom)
    {
        if (body.children == null) return;
        body.Start = body.Stop = null;
        ReleaseChildren(body, heldFrom);
    }

    // Releases the children of ctx and, below them, their own. Recursive: an expression nests no deeper than the
    // parser, which ran on this stack, recursed for it.
    private void ReleaseChildren(DtsRuleContext ctx, int heldFrom)
    {
        if (ctx.children is not ChildList list) return;
        var count = list.Count;
        for (var i = 0; i < count; i++)
        {
            var child = list[i];
            if (child is DtsToken token)
            {
                ReleaseToken(token, heldFrom);
            }
            // The property taken last (in a body being released) still waits for its tokens to leave the stream.
            else if (child is DtsRuleContext context && context != _pending)
            {
                ReleaseChildren(context, heldFrom);
                Free(context);
            }
        }
        ctx.children = null;
        FreeList(list);
    }

    private void ReleaseToken(DtsToken token, int heldFrom)
    {
        if (token.TokenIndex < 0 || token.TokenIndex >= heldFrom) return;
        if (_freeTokens == _tokens.Length) Array.Resize(ref _tokens, _freeTokens * 2);
        _tokens[_freeTokens++] = token;
    }

    private void FreeList(ChildList list)
    {
        list.Clear();
        if (_freeLists == _lists.Length) Array.Resize(ref _lists, _freeLists * 2);
        _lists[_freeLists++] = list;
    }

    /// <summary>Whether a rule's contexts (and their child lists) come from here: the rules inside a node body.</summary>
    public static bool IsRecycledRule(int ruleIndex) => ruleIndex is DtsParser.RULE_propertyDefinition or DtsParser.RULE_propertyValue
        or DtsParser.RULE_valueChunk or DtsParser.RULE_expr or DtsParser.RULE_dtRef or DtsParser.RULE_integerPrim
        or DtsParser.RULE_nodeBody or DtsParser.RULE_subnodeDefinition;
}
