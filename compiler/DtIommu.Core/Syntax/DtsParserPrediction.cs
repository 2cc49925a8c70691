using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using DFA = Antlr4.Runtime.Dfa.DFA;

namespace DtIommu.Syntax.Generated;

/// <summary>
/// The parser's ATN and ANTLR's prediction caches, made on first use (grammar/regen.sh moves them here from the
/// generated class, whose static constructor made them when the parser type was first touched). The compiler's
/// parser predicts with <see cref="HandPrediction"/>, which answers the grammar's only multi-token decisions itself:
/// an error-free parse never reads the ATN, and a one-board process no longer deserialises it.
/// </summary>
public partial class DtsParser
{
    /// <summary>The grammar's ATN, deserialised on first use.</summary>
    public static ATN _ATN => Tables.Atn;

    /// <summary>ANTLR's prediction cache of each decision, shared by the parsers of a process.</summary>
    internal static DFA[] decisionToDFA => Tables.DecisionToDfa;

    /// <summary>ANTLR's shared prediction-context cache.</summary>
    internal static PredictionContextCache sharedContextCache => Tables.ContextCache;

    /// <inheritdoc/>
    /// <remarks>The ATN itself, whether or not the prediction in use has read it yet.</remarks>
    public override ATN Atn => _ATN;

    /// <summary>
    /// A parser that reads the ATN only when it must: it predicts with <see cref="HandPrediction"/>, and
    /// <paramref name="errorStrategy"/> gives it the ATN before ANTLR's error handling reads it. Its writers are its
    /// own: the generated constructor's defaults (the console's) would set up standard output in every process.
    /// </summary>
    private protected DtsParser(ITokenStream input, DtsParseErrorStrategy errorStrategy)
        : base(input, System.IO.TextWriter.Null, System.IO.TextWriter.Null)
    {
        ErrorHandler = errorStrategy;
        Interpreter = new HandPrediction(this);
    }

    /// <summary>The parser's prediction, first replaced by one with the ATN if it has none yet.</summary>
    internal ParserATNSimulator PredictionWithAtn()
    {
        if (Interpreter.atn == null)
            Interpreter = new HandPrediction(this, _ATN, decisionToDFA, sharedContextCache) { PredictionMode = Interpreter.PredictionMode };
        return Interpreter;
    }

    // A class of its own: its static constructor runs on the first read of the ATN, not with the parser's.
    private static class Tables
    {
        public static readonly ATN Atn = DeserializeAtn();
        public static readonly DFA[] DecisionToDfa = MakeDecisionToDfa();
        public static readonly PredictionContextCache ContextCache = new();

        private static DFA[] MakeDecisionToDfa()
        {
            var dfa = new DFA[Atn.NumberOfDecisions];
            for (var i = 0; i < dfa.Length; i++) dfa[i] = new DFA(Atn.GetDecisionState(i), i);
            return dfa;
        }
    }
}
