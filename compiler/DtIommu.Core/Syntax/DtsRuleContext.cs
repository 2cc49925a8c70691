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

    /// <summary>Makes this released context a fresh one under <paramref name="parent"/>, as the constructor would.</summary>
    internal void Renew(ParserRuleContext parent, int invokingState)
    {
        Parent = parent;
        this.invokingState = invokingState;
        children = null;
        Start = null;
        Stop = null;
        exception = null;
        Forget();
    }

    /// <summary>Clears what a rule's context holds beyond the runtime's fields, for <see cref="Renew"/>.</summary>
    protected virtual void Forget()
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

    /// <summary>Adds a consumed token as a leaf, as <see cref="AddChild(IToken)"/> does, without a virtual call.</summary>
    internal void AddToken(DtsToken token)
    {
        if (children is ChildList list) list.Add(token);
        else AddChild((ITerminalNode)token);
    }

    /// <summary>Adds an entered rule's context, as <see cref="AddChild(RuleContext)"/> does, without a virtual call.</summary>
    internal void AddContext(RuleContext context)
    {
        if (children is ChildList list) list.Add(context);
        else AddChild(context);
    }

    /// <summary>The <paramref name="i"/>-th child, or null, as the runtime's.</summary>
    public override IParseTree GetChild(int i)
    {
        if (children is ChildList list) return (uint)i < (uint)list.Count ? list[i] : null!;
        return base.GetChild(i);
    }

    /// <summary>The number of children.</summary>
    public override int ChildCount => children is ChildList list ? list.Count : base.ChildCount;

    // The lookups below read the children through GetChild and ChildCount, which take the compact list this class
    // builds by its own type: the list interface would cost a dispatch per child, and they run for every accessor
    // like SEMI().

    /// <summary>The <paramref name="i"/>-th child of type <typeparamref name="T"/>, or null.</summary>
    public new T GetRuleContext<T>(int i) where T : ParserRuleContext
    {
        var n = ChildCount;
        if (i < 0 || i >= n) return null!;
        var j = -1;
        for (var k = 0; k < n; k++)
            if (GetChild(k) is T t && ++j == i) return t;
        return null!;
    }

    /// <summary>Every child of type <typeparamref name="T"/>, in order.</summary>
    public new T[] GetRuleContexts<T>() where T : ParserRuleContext
    {
        List<T>? found = null;
        var n = ChildCount;
        for (var k = 0; k < n; k++)
            if (GetChild(k) is T t) (found ??= new List<T>()).Add(t);
        return found == null ? Array.Empty<T>() : found.ToArray();
    }

    /// <summary>The <paramref name="i"/>-th token child of type <paramref name="ttype"/>, or null.</summary>
    public new ITerminalNode GetToken(int ttype, int i)
    {
        var n = ChildCount;
        if (i < 0 || i >= n) return null!;
        var j = -1;
        for (var k = 0; k < n; k++)
            if (GetChild(k) is DtsToken t && t.Type == ttype && ++j == i) return t;
        return null!;
    }

    /// <summary>Every token child of type <paramref name="ttype"/>, in order.</summary>
    public new ITerminalNode[] GetTokens(int ttype)
    {
        List<ITerminalNode>? found = null;
        var n = ChildCount;
        for (var k = 0; k < n; k++)
            if (GetChild(k) is DtsToken t && t.Type == ttype) (found ??= new List<ITerminalNode>()).Add(t);
        return found == null ? Array.Empty<ITerminalNode>() : found.ToArray();
    }
}
