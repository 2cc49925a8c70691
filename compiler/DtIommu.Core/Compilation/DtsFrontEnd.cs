using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Sources;
using DtIommu.Syntax;
using DtIommu.Syntax.Generated;

namespace DtIommu.Compilation;

/// <summary>Text to device tree: scanner, parser and tree builder for one DTS source and what it includes.</summary>
public static class DtsFrontEnd
{
    /// <summary>What parsing produced.</summary>
    /// <param name="Tree">The tree, or null when the source could not be parsed.</param>
    /// <param name="Unparsable">True for dtc's "Unable to parse input tree" (a grammar error).</param>
    /// <param name="HasErrors">True when any front-end error was reported (dtc's "Syntax error parsing input tree").</param>
    public sealed record Result(DeviceTree? Tree, bool Unparsable, bool HasErrors);

    /// <summary>Parses <paramref name="fileName"/> with bytes already read; includes go through <paramref name="loader"/>.</summary>
    public static Result Parse(string fileName, byte[] bytes, SourceLoader loader, DiagnosticBag diagnostics) =>
        Parse(fileName, bytes, loader, diagnostics, new ParseTreeRecycler());

    /// <summary>Parses as <see cref="Parse(string, byte[], SourceLoader, DiagnosticBag)"/> does, reusing parse-tree parts through <paramref name="recycler"/>.</summary>
    internal static Result Parse(string fileName, byte[] bytes, SourceLoader loader, DiagnosticBag diagnostics, ParseTreeRecycler recycler)
    {
        var errorsBefore = CountErrors(diagnostics);
        ParseProgress.Starting?.Invoke(bytes.Length);
        var source = new DtsTokenSource(fileName, bytes, loader, diagnostics, recycler);
        // Unbuffered: a large source's tokens are released as the parser moves on instead of piling up in a list.
        // Scanned only when the parser wants it, as dtc's parser reads its lookahead: see LazyTokenStream.
        var tokens = new LazyTokenStream(source);
        var strategy = new DtsParseErrorStrategy();
        var builder = new TreeBuilder(loader, diagnostics);
        var parser = new BodyBuildingParser(tokens, new NodeBodyListener(builder), recycler, strategy);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;

        DtsParser.SourceFileContext ctx;
        try
        {
            ctx = parser.sourceFile();
        }
        catch (ParseDepthExceededException e)
        {
            diagnostics.Report(SyntaxDiagnostics.ParserError, e.Message, e.Token.Span);
            return new Result(null, true, true);
        }
        catch (ParseCanceledException) when (builder.Aborted)
        {
            return new Result(null, true, true);
        }
        catch (ParseCanceledException)
        {
            var token = strategy.OffendingToken as DtsToken;
            var span = token?.Span;
            if (token?.Type == TokenConstants.EOF) span = source.EndOfInputSpan();
            diagnostics.Report(SyntaxDiagnostics.SyntaxError, "syntax error", span);
            return new Result(null, true, true);
        }

        var tree = builder.Build(ctx);
        if (builder.Aborted) return new Result(null, true, true);
        var hasErrors = CountErrors(diagnostics) > errorsBefore;
        return new Result(tree, false, hasErrors);
    }

    private static int CountErrors(DiagnosticBag bag)
    {
        var n = 0;
        foreach (var d in bag.Items) if (d.IsError) n++;
        return n;
    }
}
