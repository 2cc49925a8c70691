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

    // A released context of the rule from the recycler, made fresh; null when there is none.
    private T? Reused<T>(int rule, ParserRuleContext parent, int invokingState) where T : DtsRuleContext =>
        Recycler?.Reused(rule, parent, invokingState) as T;

    private NodeBodyContext NewNodeBodyContext(ParserRuleContext parent, int invokingState) =>
        Reused<NodeBodyContext>(RULE_nodeBody, parent, invokingState) ?? new NodeBodyContext(parent, invokingState);

    private PropertyDefinitionContext NewPropertyDefinitionContext(ParserRuleContext parent, int invokingState) =>
        Reused<PropertyDefinitionContext>(RULE_propertyDefinition, parent, invokingState) ?? new PropertyDefinitionContext(parent, invokingState);

    private SubnodeDefinitionContext NewSubnodeDefinitionContext(ParserRuleContext parent, int invokingState) =>
        Reused<SubnodeDefinitionContext>(RULE_subnodeDefinition, parent, invokingState) ?? new SubnodeDefinitionContext(parent, invokingState);

    private PropertyValueContext NewPropertyValueContext(ParserRuleContext parent, int invokingState) =>
        Reused<PropertyValueContext>(RULE_propertyValue, parent, invokingState) ?? new PropertyValueContext(parent, invokingState);

    private ValueChunkContext NewValueChunkContext(ParserRuleContext parent, int invokingState) =>
        Reused<ValueChunkContext>(RULE_valueChunk, parent, invokingState) ?? new ValueChunkContext(parent, invokingState);

    private ExprContext NewExprContext(ParserRuleContext parent, int invokingState) =>
        Reused<ExprContext>(RULE_expr, parent, invokingState) ?? new ExprContext(parent, invokingState);

    private DtRefContext NewDtRefContext(ParserRuleContext parent, int invokingState) =>
        Reused<DtRefContext>(RULE_dtRef, parent, invokingState) ?? new DtRefContext(parent, invokingState);

    private IntegerPrimContext NewIntegerPrimContext(ParserRuleContext parent, int invokingState) =>
        Reused<IntegerPrimContext>(RULE_integerPrim, parent, invokingState) ?? new IntegerPrimContext(parent, invokingState);
}
