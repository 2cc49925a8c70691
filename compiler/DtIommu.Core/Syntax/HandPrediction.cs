using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// The parser's prediction with its frequent multi-token decisions answered from the tokens. ANTLR predicts these
/// with its ATN simulation, and a fresh process (one per board) rebuilds the cached answers from nothing: a node
/// body's next item (property or subnode, both may start with any number of labels), and in an expression whether
/// a binary operator continues it and which. Each answer reads exactly the tokens that tell the grammar's
/// alternatives apart; anything else (a syntax error in the making) goes to ANTLR's own prediction, so errors are
/// found and reported as before.
/// </summary>
internal sealed class HandPrediction : ParserATNSimulator
{
    private const int Property = 1;
    private const int Subnode = 2;
    private const int Continue = 1;
    private const int Exit = 2;

    // The decision numbers of the generated parser (HandPredictionTests checks them against the ATN's rules and
    // kinds of state). Constants, so that finding them does not deserialise the ATN.

    /// <summary>The decision between a node body item's two alternatives (property or subnode).</summary>
    internal const int NodeItemDecision = 7;

    /// <summary>The loop decision after an operand: does a binary operator follow?</summary>
    internal const int OperatorLoopDecision = 28;

    /// <summary>The decision between the binary operator alternatives.</summary>
    internal const int OperatorDecision = 27;

    /// <summary>
    /// A prediction that has not read the ATN: until ANTLR's own prediction is wanted, none is deserialised. Then
    /// <paramref name="parser"/> is given one that has (see <see cref="WithAtn"/>).
    /// </summary>
    public HandPrediction(Parser parser)
        : base(parser, null!, null!, null!)
    {
    }

    /// <summary>A prediction that falls back to ANTLR's with the given ATN and caches.</summary>
    public HandPrediction(Parser parser, ATN atn, DFA[] decisionToDfa, PredictionContextCache cache)
        : base(parser, atn, decisionToDfa, cache)
    {
    }

    /// <summary>
    /// Gives <paramref name="recognizer"/> a prediction with the ATN if its own has none yet, and returns it. ANTLR's
    /// prediction and error reporting read the ATN straight from the parser's prediction, so this comes first.
    /// </summary>
    public static ParserATNSimulator WithAtn(Parser recognizer) =>
        recognizer is DtsParser parser ? parser.PredictionWithAtn() : recognizer.Interpreter;

    /// <inheritdoc/>
    public override int AdaptivePredict(ITokenStream input, int decision, ParserRuleContext outerContext)
    {
        var answer = decision == NodeItemDecision ? NodeItem(input)
            : decision == OperatorLoopDecision ? OperatorLoop(input)
            : decision == OperatorDecision ? Operator(input)
            : 0;
        if (answer != 0) return answer;
        return atn != null ? base.AdaptivePredict(input, decision, outerContext) : WithAtn(parser).AdaptivePredict(input, decision, outerContext);
    }

    // After the labels: /delete-property/, or a name followed by '=' or ';', starts a property; /delete-node/,
    // /omit-if-no-ref/, or a name followed by '{', a subnode.
    private static int NodeItem(ITokenStream input)
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
        return 0;
    }

    // The expression rule climbs precedence: an operator continues the current operand's expression only when it
    // binds at least as tightly as the level being parsed (the grammar's precedence predicates). A ')' or ':' ends
    // it, and so does a looser operator (an enclosing level takes it). An operator that may continue it is taken
    // only when an operand follows; otherwise ANTLR decides.
    private int OperatorLoop(ITokenStream input)
    {
        var type = input.LA(1);
        if (type is DtsParser.RPAREN or DtsParser.COLON) return Exit;
        var (_, level) = BinaryOperator(type);
        if (level == 0) return 0;
        if (level < parser.Precedence) return Exit;
        return StartsOperand(input.LA(2)) ? Continue : 0;
    }

    private int Operator(ITokenStream input)
    {
        var (alternative, level) = BinaryOperator(input.LA(1));
        return level != 0 && level >= parser.Precedence && StartsOperand(input.LA(2)) ? alternative : 0;
    }

    private static bool StartsOperand(int type) =>
        type is DtsParser.LITERAL or DtsParser.CHAR_LITERAL or DtsParser.LPAREN or DtsParser.MINUS or DtsParser.TILDE or DtsParser.BANG;

    // The grammar's binary alternatives in order, each with the precedence its predicate tests (tightest first).
    private static (int Alternative, int Level) BinaryOperator(int type) => type switch
    {
        DtsParser.STAR or DtsParser.SLASH or DtsParser.PERCENT => (1, 11),
        DtsParser.PLUS or DtsParser.MINUS => (2, 10),
        DtsParser.LSHIFT or DtsParser.RSHIFT => (3, 9),
        DtsParser.LT or DtsParser.GT or DtsParser.LE or DtsParser.GE => (4, 8),
        DtsParser.EQ or DtsParser.NE => (5, 7),
        DtsParser.AMP => (6, 6),
        DtsParser.CARET => (7, 5),
        DtsParser.PIPE => (8, 4),
        DtsParser.AND => (9, 3),
        DtsParser.OR => (10, 2),
        DtsParser.QUESTION => (11, 1),
        _ => (0, 0),
    };
}
