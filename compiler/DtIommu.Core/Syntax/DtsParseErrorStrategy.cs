using Antlr4.Runtime;

namespace DtIommu.Syntax;

/// <summary>
/// Stops at the first syntax error, as dtc's bison parser does (it has no error recovery rules), remembering the
/// token at which it was detected.
/// </summary>
internal sealed class DtsParseErrorStrategy : BailErrorStrategy
{
    public IToken? OffendingToken { get; private set; }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        OffendingToken ??= e.OffendingToken ?? recognizer.CurrentToken;
        base.Recover(recognizer, e);
    }

    public override IToken RecoverInline(Parser recognizer)
    {
        OffendingToken ??= recognizer.CurrentToken;
        return base.RecoverInline(recognizer);
    }
}
