using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// The parser's prediction with its most frequent decision answered from the tokens: inside a node body, whether a
/// property or a subnode comes next. Both may start with any number of labels, so ANTLR predicts this one with
/// its ATN simulation, and in a fresh process (one per board) it rebuilds the cached answers from nothing for
/// every new label count. Read directly: after the labels, <c>/delete-property/</c>, or a name followed by
/// <c>=</c> or <c>;</c>, starts a property; <c>/delete-node/</c>, <c>/omit-if-no-ref/</c>, or a name followed by
/// <c>{</c>, a subnode. These are exactly the tokens that tell the grammar's two rules apart, read to the same
/// depth ANTLR reads them. Anything else is a syntax error in the making and goes to ANTLR's own prediction, so
/// errors are found and reported as before.
/// </summary>
internal sealed class NodeItemPrediction : ParserATNSimulator
{
    private const int Property = 1;
    private const int Subnode = 2;

    /// <summary>The number of the decision between the two alternatives of a node body's item.</summary>
    internal static readonly int Decision = FindDecision(DtsParser._ATN);

    public NodeItemPrediction(Parser parser, ATN atn, DFA[] decisionToDfa, PredictionContextCache cache)
        : base(parser, atn, decisionToDfa, cache)
    {
    }

    /// <inheritdoc/>
    public override int AdaptivePredict(ITokenStream input, int decision, ParserRuleContext outerContext)
    {
        if (decision == Decision)
        {
            var i = 1;
            int type;
            while ((type = input.LA(i)) == DtsParser.LABEL) i++;
            switch (type)
            {
                case DtsParser.DEL_PROP:
                    return Property;
                case DtsParser.DEL_NODE:
                case DtsParser.OMIT_NO_REF:
                    return Subnode;
                case DtsParser.PROPNODENAME:
                    switch (input.LA(i + 1))
                    {
                        case DtsParser.ASSIGN:
                        case DtsParser.SEMI:
                            return Property;
                        case DtsParser.LBRACE:
                            return Subnode;
                    }
                    break;
            }
        }
        return base.AdaptivePredict(input, decision, outerContext);
    }

    // The block decision inside nodeBody: its number depends on the grammar's layout, so it is looked up, not assumed.
    private static int FindDecision(ATN atn)
    {
        for (var d = 0; d < atn.NumberOfDecisions; d++)
        {
            var state = atn.GetDecisionState(d);
            if (state.ruleIndex == DtsParser.RULE_nodeBody && state is BlockStartState) return d;
        }
        return -1;
    }
}
