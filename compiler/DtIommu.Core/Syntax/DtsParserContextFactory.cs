using Antlr4.Runtime;

namespace DtIommu.Syntax.Generated;

/// <summary>
/// Where the generated rules get the contexts inside node bodies (grammar/regen.sh points their <c>new</c> here):
/// from <see cref="Recycler"/> when one is set and has one released, else made new.
/// </summary>
public partial class DtsParser
{
    /// <summary>The recycler that released contexts come from; null makes every context new.</summary>
    internal ParseTreeRecycler? Recycler;

    private NodeBodyContext NewNodeBodyContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_nodeBody, parent, invokingState) as NodeBodyContext ?? new NodeBodyContext(parent, invokingState);

    private PropertyDefinitionContext NewPropertyDefinitionContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_propertyDefinition, parent, invokingState) as PropertyDefinitionContext ?? new PropertyDefinitionContext(parent, invokingState);

    private SubnodeDefinitionContext NewSubnodeDefinitionContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_subnodeDefinition, parent, invokingState) as SubnodeDefinitionContext ?? new SubnodeDefinitionContext(parent, invokingState);

    private PropertyValueContext NewPropertyValueContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_propertyValue, parent, invokingState) as PropertyValueContext ?? new PropertyValueContext(parent, invokingState);

    private ValueChunkContext NewValueChunkContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_valueChunk, parent, invokingState) as ValueChunkContext ?? new ValueChunkContext(parent, invokingState);

    private ExprContext NewExprContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_expr, parent, invokingState) as ExprContext ?? new ExprContext(parent, invokingState);

    private DtRefContext NewDtRefContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_dtRef, parent, invokingState) as DtRefContext ?? new DtRefContext(parent, invokingState);

    private IntegerPrimContext NewIntegerPrimContext(ParserRuleContext parent, int invokingState) =>
        Recycler?.Reused(RULE_integerPrim, parent, invokingState) as IntegerPrimContext ?? new IntegerPrimContext(parent, invokingState);
}
