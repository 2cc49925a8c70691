using System;
using System.Collections.Generic;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace DtIommu.Syntax.Generated;

/// <summary>
/// Base of the generated parse-tree contexts (the grammar's <c>contextSuperClass</c>). The generated accessors
/// (<c>SEMI()</c>, <c>propertyDefinition()</c>) bind to these non-virtual lookups instead of the runtime's: those
/// are generic virtual methods, which a native build resolves through its type loader on first use, and they
/// walk the children with a boxed enumerator on every call. Same results, in the same order.
/// </summary>
public class DtsRuleContext : ParserRuleContext
{
    /// <summary>A context with no parent (what the runtime's parameterless constructor makes).</summary>
    public DtsRuleContext()
    {
    }

    /// <summary>A context invoked from <paramref name="invokingState"/> of <paramref name="parent"/>.</summary>
    public DtsRuleContext(ParserRuleContext parent, int invokingState) : base(parent, invokingState)
    {
    }

    /// <summary>
    /// Adds a matched token as a leaf. A <see cref="DtsToken"/> is its own leaf: the runtime would wrap every token
    /// in a node object of its own.
    /// </summary>
    public override ITerminalNode AddChild(IToken matchedToken)
    {
        if (matchedToken is not DtsToken token) return base.AddChild(matchedToken);
        AddChild((ITerminalNode)token);
        return token;
    }

    /// <summary>Adds a matched token's leaf, to a compact child list.</summary>
    public override void AddChild(ITerminalNode t)
    {
        children ??= new ChildList();
        children.Add(t);
    }

    /// <summary>Adds a rule invocation's context, to a compact child list.</summary>
    public override void AddChild(RuleContext ruleInvocation)
    {
        children ??= new ChildList();
        children.Add(ruleInvocation);
    }

    /// <summary>The <paramref name="i"/>-th child, or null (as the runtime's, without going through the list's interface).</summary>
    public override IParseTree GetChild(int i)
    {
        if (children is ChildList list) return (uint)i < (uint)list.Count ? list[i] : null!;
        return base.GetChild(i);
    }

    /// <summary>The number of children.</summary>
    public override int ChildCount => children is ChildList list ? list.Count : base.ChildCount;

    /// <summary>The <paramref name="i"/>-th child of type <typeparamref name="T"/>, or null.</summary>
    public new T GetRuleContext<T>(int i) where T : ParserRuleContext
    {
        if (children is ChildList compact)
        {
            var n = compact.Count;
            if (i < 0 || i >= n) return null!;
            var m = -1;
            for (var k = 0; k < n; k++)
                if (compact[k] is T t && ++m == i) return t;
            return null!;
        }
        var list = children;
        if (list == null || i < 0 || i >= list.Count) return null!;
        var j = -1;
        for (var k = 0; k < list.Count; k++)
            if (list[k] is T t && ++j == i) return t;
        return null!;
    }

    /// <summary>Every child of type <typeparamref name="T"/>, in order.</summary>
    public new T[] GetRuleContexts<T>() where T : ParserRuleContext
    {
        var list = children;
        if (list == null) return Array.Empty<T>();
        List<T>? found = null;
        for (var k = 0; k < list.Count; k++)
            if (list[k] is T t) (found ??= new List<T>()).Add(t);
        return found == null ? Array.Empty<T>() : found.ToArray();
    }

    /// <summary>The <paramref name="i"/>-th token child of type <paramref name="ttype"/>, or null.</summary>
    public new ITerminalNode GetToken(int ttype, int i)
    {
        // The sealed list this class builds, read with direct calls: this runs for every accessor like SEMI().
        if (children is ChildList compact)
        {
            var n = compact.Count;
            if (i < 0 || i >= n) return null!;
            var m = -1;
            for (var k = 0; k < n; k++)
                if (compact[k] is DtsToken t && t.Type == ttype && ++m == i) return t;
            return null!;
        }
        var list = children;
        if (list == null || i < 0 || i >= list.Count) return null!;
        var j = -1;
        for (var k = 0; k < list.Count; k++)
            if (list[k] is DtsToken t && t.Type == ttype && ++j == i) return t;
        return null!;
    }

    /// <summary>Every token child of type <paramref name="ttype"/>, in order.</summary>
    public new ITerminalNode[] GetTokens(int ttype)
    {
        var list = children;
        if (list == null) return Array.Empty<ITerminalNode>();
        List<ITerminalNode>? found = null;
        for (var k = 0; k < list.Count; k++)
            if (list[k] is DtsToken t && t.Type == ttype) (found ??= new List<ITerminalNode>()).Add(t);
        return found == null ? Array.Empty<ITerminalNode>() : found.ToArray();
    }
}
