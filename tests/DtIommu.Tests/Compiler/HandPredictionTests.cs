using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Antlr4.Runtime.Misc;
using DtIommu.Compilation;
using DtIommu.Diagnostics;
using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Tests.Compiler;

/// <summary>
/// The hand-read predictions (a node body's next item; whether and which binary operator continues an expression)
/// give ANTLR's own answers for every form the grammar allows, and leave the malformed ones to ANTLR.
/// </summary>
public class HandPredictionTests
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
                return simulator.AdaptivePredict(tokens, HandPrediction.NodeItemDecision, context).ToString();
            }
            catch (NoViableAltException e)
            {
                return "no viable alternative at " + e.OffendingToken.Text;
            }
        }
        var ours = Run(Fresh((p, a, d, c) => new HandPrediction(p, a, d, c), parser));
        var antlr = Run(Fresh((p, a, d, c) => new ParserATNSimulator(p, a, d, c), parser));
        return (antlr, ours);
    }

    [Fact]
    public void The_decisions_are_found_in_their_rules()
    {
        var atn = DtsParser._ATN;
        var item = atn.GetDecisionState(HandPrediction.NodeItemDecision);
        item.ruleIndex.ShouldBe(DtsParser.RULE_nodeBody);
        item.ShouldBeAssignableTo<BlockStartState>();
        var loop = atn.GetDecisionState(HandPrediction.OperatorLoopDecision);
        loop.ruleIndex.ShouldBe(DtsParser.RULE_expr);
        loop.ShouldBeOfType<StarLoopEntryState>().isPrecedenceDecision.ShouldBeTrue();
        var op = atn.GetDecisionState(HandPrediction.OperatorDecision);
        op.ruleIndex.ShouldBe(DtsParser.RULE_expr);
        op.ShouldBeOfType<StarBlockStartState>();
    }

    /// <summary>The whole parse tree, or where the parse failed, with the given prediction.</summary>
    private static string ParseWith(string text, bool hand)
    {
        var source = new DtsTokenSource("t.dts", Latin1.GetBytes(text), new SourceLoader(new DiskFileSource(), []), new DiagnosticBag());
        var parser = new ProbeParser(new LazyTokenStream(source), hand) { ErrorHandler = new BailErrorStrategy() };
        parser.RemoveErrorListeners();
        try
        {
            return parser.sourceFile().ToStringTree(parser);
        }
        catch (ParseCanceledException e)
        {
            var token = (e.InnerException as RecognitionException)?.OffendingToken;
            return $"failed at {token?.Line}:{token?.Column} {token?.Text}";
        }
    }

    [Theory]
    [InlineData("1 + 2 * 3 - 4")]
    [InlineData("1 * 2 + 3 << 4 < 5 == 6 & 7 ^ 8 | 9 && 10 || 11")]
    [InlineData("11 || 10 && 9 | 8 ^ 7 & 6 != 5 >= 4 >> 3 - 2 % 1")]
    [InlineData("1 ? 2 : 3 ? 4 : 5")]
    [InlineData("1 - -2 * ~3 / !4")]
    [InlineData("(1 + 2) * (3 > 4) > 5")]
    [InlineData("1 < 2 <= 3 >= 4 > 5 ? 'a' : '\\n' + 1")]
    [InlineData("1 + (2 ? 3 + 4 : 5 * 6) % 7")]
    [InlineData("1 +")]
    [InlineData("1 + + 2")]
    [InlineData("1 ? 2")]
    [InlineData("1 ? 2 : ")]
    [InlineData("1 2")]
    [InlineData("1 + > 2")]
    [InlineData("1 * (2 + ) 3")]
    public void Expressions_parse_as_antlr_parses_them(string expression)
    {
        var text = "/dts-v1/;\n/ { a = <(" + expression + ") 7>; b = /bits/ 8 <(" + expression + ")>; };\n";
        var antlr = ParseWith(text, hand: false);
        ParseWith(text, hand: true).ShouldBe(antlr);
    }

    [Theory]
    [InlineData("/ { l1: l2: p = <1>; l3: n { /delete-property/ q; l: /delete-node/ m; }; /omit-if-no-ref/ l4: o { }; };")]
    [InlineData("/ { l: ; };")]
    [InlineData("/ { p p; };")]
    [InlineData("/ { l: l2: p };")]
    public void Node_bodies_parse_as_antlr_parses_them(string body)
    {
        var text = "/dts-v1/;\n" + body + "\n";
        ParseWith(text, hand: true).ShouldBe(ParseWith(text, hand: false));
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

    /// <summary>Parses <paramref name="text"/> as the compiler does; says whether it failed and whether the prediction read the ATN.</summary>
    private static (bool Failed, bool ReadAtn) ParseAsTheCompiler(string text)
    {
        var diagnostics = new DiagnosticBag();
        var loader = new SourceLoader(new DiskFileSource(), []);
        var recycler = new ParseTreeRecycler();
        var tokens = new LazyTokenStream(new DtsTokenSource("t.dts", Latin1.GetBytes(text), loader, diagnostics, recycler));
        var parser = new BodyBuildingParser(tokens, new NodeBodyListener(new TreeBuilder(loader, diagnostics)), recycler, new DtsParseErrorStrategy());
        var failed = false;
        try
        {
            parser.sourceFile();
        }
        catch (ParseCanceledException)
        {
            failed = true;
        }
        return (failed, parser.Interpreter.atn != null);
    }

    [Fact]
    public void An_error_free_parse_never_reads_the_atn()
    {
        ParseAsTheCompiler("/dts-v1/;\n/ {\n\tl: a = <(1 + 2 * 3) (4 << 1) (1 ? 2 : 3)>, \"s\";\n\tm: n: b { /delete-property/ a; };\n};\n&l { c; };\n")
            .ShouldBe((false, false));
    }

    [Theory]
    [InlineData("/dts-v1/;\n/ {\n\tl: ;\n};\n")]
    [InlineData("/dts-v1/;\n/ {\n\ta = <1>\n};\n")]
    [InlineData("/dts-v1/;\n/ {\n\ta = <1 + >;\n};\n")]
    public void A_syntax_error_is_found_with_the_atn(string text)
    {
        ParseAsTheCompiler(text).ShouldBe((true, true));
    }

    /// <summary>The generated parser with fresh prediction caches and either ANTLR's prediction or ours.</summary>
    private sealed class ProbeParser : DtsParser
    {
        public ProbeParser(ITokenStream input, bool hand) : base(input)
        {
            Interpreter = hand
                ? Fresh((p, a, d, c) => new HandPrediction(p, a, d, c), this)
                : Fresh((p, a, d, c) => new ParserATNSimulator(p, a, d, c), this);
            Interpreter.PredictionMode = PredictionMode.SLL;
        }
    }
}
