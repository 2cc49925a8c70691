using System.Collections.Generic;
using Antlr4.Runtime;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Gives the tokens and child lists of a built property out again for the rest of the parse. Without it a board
/// allocated about 40 bytes per source byte, two fifths of it the tokens and child lists of property values that
/// nothing reads once the property is built; in a one-board process the collector never runs, so every one of those
/// bytes was a fresh page for the kernel to map. Reused, they stay in a few pages that are mapped and in cache.
/// </summary>
/// <remarks>
/// A token is reused only when nothing can reach it any more: it lies in the subtree of a property built and checked
/// earlier (the property context forgets its first and last token) and the token stream no longer holds it
/// (<see cref="LazyTokenStream.OldestHeldIndex"/>). Contexts themselves are made by the generated parser and are left
/// to the collector.
/// </remarks>
internal sealed class ParseTreeRecycler
{
    private readonly List<DtsToken> _tokens = [];
    private readonly List<ChildList> _lists = [];
    private readonly List<DtsRuleContext> _walk = [];

    /// <summary>A token for the scanner: a released one made new, or a new one.</summary>
    public DtsToken Token(TokenOrigin origin, int type, int start, int stop, int line, int column)
    {
        if (_tokens.Count > 0)
        {
            var token = Pop(_tokens);
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

    /// <summary>An empty child list for a context the parser enters.</summary>
    public ChildList List()
    {
        if (_lists.Count > 0) return Pop(_lists);
        ListsMade++;
        return new ChildList();
    }

    private static T Pop<T>(List<T> stack)
    {
        var last = stack.Count - 1;
        var item = stack[last];
        stack.RemoveAt(last);
        return item;
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
        // Iterative: a value's expression nests as deep as the parser allowed.
        _walk.Add(previous);
        while (_walk.Count > 0)
        {
            var ctx = Pop(_walk);
            if (ctx.children is not ChildList list) continue;
            var count = list.Count;
            for (var i = 0; i < count; i++)
            {
                switch (list[i])
                {
                    case DtsToken token when token.TokenIndex >= 0 && token.TokenIndex < heldFrom:
                        _tokens.Add(token);
                        break;
                    case DtsRuleContext child:
                        _walk.Add(child);
                        break;
                }
            }
            ctx.children = null;
            list.Reset();
            _lists.Add(list);
        }
    }

    /// <summary>Whether a rule's contexts get their child list from here: the rules of a property.</summary>
    public static bool IsRecycledRule(int ruleIndex) => ruleIndex is DtsParser.RULE_propertyDefinition or DtsParser.RULE_propertyValue
        or DtsParser.RULE_valueChunk or DtsParser.RULE_expr or DtsParser.RULE_dtRef or DtsParser.RULE_integerPrim;
}
