using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Hands each node body to the definition sink the moment the parser completes it, and stops the parse at a
/// property that follows a subnode, as dtc's parser does.
/// </summary>
internal sealed class NodeBodyListener
{
    private readonly IDefinitionSink _builder;

    public NodeBodyListener(IDefinitionSink builder) => _builder = builder;

    public void ExitEveryRule(ParserRuleContext ctx)
    {
        // After a syntax error or an abort the parser unwinds through every open rule's exit:
        // those rules are incomplete, so nothing more is built or reported.
        if (_builder.Aborted || ctx.exception != null) return;
        // By rule number: most rules that exit (values, cells, operands) are none of these, and one virtual call
        // tells them so.
        switch (ctx.RuleIndex)
        {
            // A body without its closing ';' was cut short by an exception (a missing /include/ file, say).
            case DtsParser.RULE_nodeBody when Ends(ctx, DtsParser.SEMI):
                _builder.OnBodyParsed((DtsParser.NodeBodyContext)ctx);
                break;
            // Rules left by a non-parser exception (a missing include, the depth limit) exit too: only complete
            // ones (their body built, or their ';' read) are applied.
            case DtsParser.RULE_memreserve when Ends(ctx, DtsParser.SEMI):
                _builder.OnMemreserveParsed((DtsParser.MemreserveContext)ctx);
                break;
            case DtsParser.RULE_firstDefinition when IsComplete((DtsRuleContext)ctx):
                _builder.OnFirstDefinitionParsed((DtsParser.FirstDefinitionContext)ctx);
                break;
            case DtsParser.RULE_topDefinition when IsComplete((DtsRuleContext)ctx):
                _builder.OnTopDefinitionParsed((DtsParser.TopDefinitionContext)ctx);
                break;
            // A property cut short by a non-parser exception (the depth limit) is incomplete: only one that reached
            // its ';' is built, as dtc's parser reduces it only there.
            case DtsParser.RULE_propertyDefinition when ctx.Stop?.Type == DtsParser.SEMI:
                var property = (DtsParser.PropertyDefinitionContext)ctx;
                _builder.OnPropertyParsed(property);
                if (_builder.OnMisplacedProperty(property)) throw new ParseCanceledException("Properties must precede subnodes");
                break;
        }
    }

    // A complete node body or reservation ends with its ';', its last child; an incomplete one has none.
    private static bool Ends(ParserRuleContext ctx, int type) =>
        ctx.ChildCount > 0 && ctx.GetChild(ctx.ChildCount - 1) is DtsToken last && last.Type == type;

    /// <summary>
    /// The headers are complete once a memory reservation or the tree starts: dtc's parser reduces its
    /// right-recursive header list (and compares the flags) when it reads the first token after them.
    /// </summary>
    public void AfterHeaders(ParserRuleContext entered)
    {
        if (_headersDone || _builder.Aborted) return;
        _headersDone = true;
        if (entered.Parent is DtsParser.SourceFileContext file) _builder.OnHeadersParsed(file);
    }

    private bool _headersDone;

    /// <summary>
    /// A token was just consumed in <paramref name="ctx"/>. When it completes a cell of a <c>&lt; &gt;</c> array or
    /// an operand of an expression, dtc's parser reduces it at once, with no lookahead, and reports its errors
    /// then: so does the builder, before the next token is scanned.
    /// </summary>
    public void Shifted(ParserRuleContext ctx, DtsToken token)
    {
        if (_builder.Aborted) return;
        switch (ctx)
        {
            case DtsParser.ValueChunkContext chunk when IsCell(chunk):
                _builder.OnCellParsed(chunk, token);
                break;
            // dtc reads an /incbin/ file when its ')' is shifted: a missing file stops it before the next token.
            case DtsParser.ValueChunkContext chunk when token.Type == DtsParser.RPAREN:
                _builder.OnIncbinParsed(chunk);
                break;
            case DtsParser.ExprContext operand when token.Type != DtsParser.LABEL_REF && token.Type != DtsParser.PATH_REF:
                _builder.OnOperandParsed(operand, token);
                break;
        }
    }

    // A token that ends a cell: after the '<' of an array ("/bits/ N" is no cell, nor /incbin/'s ')').
    private static bool IsCell(DtsParser.ValueChunkContext chunk)
    {
        var first = ((DtsToken)chunk.GetChild(0)).Type;
        return first == DtsParser.LT || (first == DtsParser.BITS && chunk.ChildCount > 3);
    }

    // Typed as the generated contexts' base: the runtime's own lookup is a generic virtual method, which a native
    // build resolves through its type loader on first use.
    private static bool IsComplete(DtsRuleContext definition)
    {
        var body = definition.GetRuleContext<DtsParser.NodeBodyContext>(0);
        if (body != null) return body.Built != null;
        return definition.GetToken(DtsParser.SEMI, 0) != null;
    }

}
