using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Hands each node body to the definition sink the moment the parser completes it, and stops the parse at a
/// property that follows a subnode, as dtc's parser does.
/// </summary>
internal sealed class NodeBodyListener : IParseTreeListener
{
    private readonly IDefinitionSink _builder;

    public NodeBodyListener(IDefinitionSink builder) => _builder = builder;

    public void ExitEveryRule(ParserRuleContext ctx)
    {
        // After a syntax error or an abort the parser unwinds through every open rule's exit:
        // those rules are incomplete, so nothing more is built or reported.
        if (_builder.Aborted || ctx.exception != null) return;
        switch (ctx)
        {
            // A body without its closing ';' was cut short by an exception (a missing /include/ file, say).
            case DtsParser.NodeBodyContext body when body.SEMI() != null:
                _builder.OnBodyParsed(body);
                break;
            // Rules left by a non-parser exception (a missing include, the depth limit) exit too: only complete
            // ones (their body built, or their ';' read) are applied.
            case DtsParser.MemreserveContext memreserve when memreserve.SEMI() != null:
                _builder.OnMemreserveParsed(memreserve);
                break;
            case DtsParser.FirstDefinitionContext first when IsComplete(first):
                _builder.OnFirstDefinitionParsed(first);
                break;
            case DtsParser.TopDefinitionContext top when IsComplete(top):
                _builder.OnTopDefinitionParsed(top);
                break;
            // A property cut short by a non-parser exception (the depth limit) is incomplete: only one that reached
            // its ';' is built, as dtc's parser reduces it only there.
            case DtsParser.PropertyDefinitionContext property when property.Stop?.Type == DtsParser.SEMI:
                _builder.OnPropertyParsed(property);
                if (_builder.OnMisplacedProperty(property)) throw new ParseCanceledException("Properties must precede subnodes");
                break;
        }
    }

    private static bool IsComplete(ParserRuleContext definition)
    {
        var body = definition.GetRuleContext<DtsParser.NodeBodyContext>(0);
        if (body != null) return body.Built != null;
        return definition.GetToken(DtsParser.SEMI, 0) != null;
    }

    public void EnterEveryRule(ParserRuleContext ctx)
    {
    }

    public void VisitTerminal(ITerminalNode node)
    {
    }

    public void VisitErrorNode(IErrorNode node)
    {
    }
}
