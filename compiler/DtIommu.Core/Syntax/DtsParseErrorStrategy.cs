using Antlr4.Runtime;

namespace DtIommu.Syntax;

/// <summary>
/// Stops at the first syntax error, as dtc's bison parser does (it has no error recovery rules), remembering the
/// token at which it was detected. ANTLR's error handling reads the parser's ATN, which an error-free parse never
/// deserialises: each entry point makes sure the parser has it first.
/// </summary>
internal sealed class DtsParseErrorStrategy : BailErrorStrategy
{
    public IToken? OffendingToken { get; private set; }

    public override void ReportError(Parser recognizer, RecognitionException e)
    {
        HandPrediction.WithAtn(recognizer);
        base.ReportError(recognizer, e);
    }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        HandPrediction.WithAtn(recognizer);
        OffendingToken ??= e.OffendingToken ?? recognizer.CurrentToken;
        base.Recover(recognizer, e);
    }

    public override IToken RecoverInline(Parser recognizer)
    {
        HandPrediction.WithAtn(recognizer);
        OffendingToken ??= recognizer.CurrentToken;
        return base.RecoverInline(recognizer);
    }
}
