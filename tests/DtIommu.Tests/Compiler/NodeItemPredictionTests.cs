using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using DtIommu.Diagnostics;
using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// The hand-read prediction of a node body's next item (property or subnode) gives ANTLR's own answer for every
/// form the grammar allows, and leaves the malformed ones to ANTLR.
/// </summary>
public class NodeItemPredictionTests
{
    private static ParserATNSimulator Fresh(Func<Parser, ATN, DFA[], PredictionContextCache, ParserATNSimulator> make, Parser parser)
    {
        var atn = DtsParser._ATN;
        var dfa = new DFA[atn.NumberOfDecisions];
        for (var i = 0; i < dfa.Length; i++) dfa[i] = new DFA(atn.GetDecisionState(i), i);
        return make(parser, atn, dfa, new PredictionContextCache());
    }

    /// <summary>
    /// Both predictions for the item that opens the root node's body: the alternative, or where no alternative fits.
    /// </summary>
    private static (string Antlr, string Ours) Predict(string item)
    {
        var bytes = Latin1.GetBytes("/dts-v1/;\n/ {\n" + item + "\n};\n");
        var source = new DtsTokenSource("t.dts", bytes, new SourceLoader(new DiskFileSource(), []), new DiagnosticBag());
        var tokens = new LazyTokenStream(source);
        while (tokens.LA(1) != DtsParser.LBRACE) tokens.Consume();
        tokens.Consume();
        var parser = new DtsParser(tokens);
        var context = new DtsParser.NodeBodyContext(null, 0);
        string Run(ParserATNSimulator simulator)
        {
            try
            {
                return simulator.AdaptivePredict(tokens, NodeItemPrediction.Decision, context).ToString();
            }
            catch (NoViableAltException e)
            {
                return "no viable alternative at " + e.OffendingToken.Text;
            }
        }
        var ours = Run(Fresh((p, a, d, c) => new NodeItemPrediction(p, a, d, c), parser));
        var antlr = Run(Fresh((p, a, d, c) => new ParserATNSimulator(p, a, d, c), parser));
        return (antlr, ours);
    }

    [Fact]
    public void The_decision_is_the_node_body_choice()
    {
        NodeItemPrediction.Decision.ShouldBeGreaterThanOrEqualTo(0);
        var state = DtsParser._ATN.GetDecisionState(NodeItemPrediction.Decision);
        state.ruleIndex.ShouldBe(DtsParser.RULE_nodeBody);
        state.ShouldBeAssignableTo<BlockStartState>();
    }

    [Theory]
    [InlineData("p = <1>;", 1)]
    [InlineData("p;", 1)]
    [InlineData("l: p;", 1)]
    [InlineData("l1: l2: l3: p = \"x\", <&a>;", 1)]
    [InlineData("/delete-property/ p;", 1)]
    [InlineData("l: /delete-property/ p;", 1)]
    [InlineData("n { };", 2)]
    [InlineData("l: n@1 { p; };", 2)]
    [InlineData("/delete-node/ n;", 2)]
    [InlineData("l: /delete-node/ n;", 2)]
    [InlineData("/omit-if-no-ref/ n { };", 2)]
    [InlineData("l: /omit-if-no-ref/ l2: n { };", 2)]
    public void Every_well_formed_item_is_predicted_as_antlr_predicts_it(string item, int alternative)
    {
        var (antlr, ours) = Predict(item);
        antlr.ShouldBe(alternative.ToString());
        ours.ShouldBe(antlr);
    }

    [Theory]
    [InlineData("l: ;", ";")]
    [InlineData("p p;", "p")]
    [InlineData("l: l2: p", "}")]
    public void A_malformed_item_gets_antlrs_answer(string item, string offending)
    {
        var (antlr, ours) = Predict(item);
        antlr.ShouldBe("no viable alternative at " + offending);
        ours.ShouldBe(antlr);
    }
}
