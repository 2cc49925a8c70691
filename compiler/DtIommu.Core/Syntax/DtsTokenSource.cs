using System;
using System.Collections.Generic;
using Antlr4.Runtime;
using DtIommu.Diagnostics;
using DtIommu.Literals;
using DtIommu.Sources;
using DtIommu.Syntax.Generated;
using DtIommu.Text;

namespace DtIommu.Syntax;

/// <summary>
/// Feeds the parser from a stack of scanners, one per open file: <c>/include/</c> pushes a file and cpp line markers
/// rename the current one, the way dtc's scanner does. The scanner state (start condition) is global in dtc, so it is
/// handed from a file to the file it includes and back.
/// </summary>
public sealed class DtsTokenSource : ITokenSource
{
    /// <summary>dtc's limit on nested includes.</summary>
    public const int MaxIncludeDepth = 200;

    private sealed class Frame
    {
        public required DtsScanner Scanner;
        public required TokenOrigin Origin;
        public int LineDelta;
        public int LexemesSeen;
        public int LexemeLineDelta;
        public string FileName => Origin.FileName;
        public string? Directory => Origin.Directory;
    }

    private readonly Stack<Frame> _stack = new();
    private readonly SourceLoader _loader;
    private readonly DiagnosticBag _diagnostics;
    private Frame _current;
    private readonly ParserDepthGuard _depth = new();
    private int _tokens;

    /// <summary>Starts reading <paramref name="fileName"/>, whose bytes were already loaded.</summary>
    public DtsTokenSource(string fileName, byte[] bytes, SourceLoader loader, DiagnosticBag diagnostics)
        : this(fileName, bytes, loader, diagnostics, new ParseTreeRecycler())
    {
    }

    /// <summary>Starts reading <paramref name="fileName"/>, making its tokens with <paramref name="recycler"/>.</summary>
    internal DtsTokenSource(string fileName, byte[] bytes, SourceLoader loader, DiagnosticBag diagnostics, ParseTreeRecycler recycler)
    {
        _loader = loader;
        _diagnostics = diagnostics;
        _recycler = recycler;
        _current = NewFrame(fileName, bytes, SourceLoader.DirectoryOf(fileName));
    }

    private readonly ParseTreeRecycler _recycler;

    // The types of the last two tokens handed to the parser (for "/bits/ N <"), and the last one itself when it is a
    // literal: the width to check. Types, not tokens: the token before last may have been given out again since, and
    // a reference kept for every token was a write barrier for every token.
    private int _lastType;
    private int _beforeLastType;
    private DtsToken? _lastLiteral;

    // The file whose scanner matched the last lexeme in any file. dtc's location points at the file's record, whose
    // name a later line marker changes, so the name is read when the span is asked for; the lines are numbered as
    // they were when the lexeme was matched (Frame.LexemeLineDelta).
    private Frame? _lastLexemeFrame;

    /// <summary>
    /// Where dtc's scanner location is at end of input: the last lexeme it matched, which may be trailing blanks, a
    /// comment or a line marker after the last token (0.0 when the input has none).
    /// </summary>
    internal Text.SourceSpan EndOfInputSpan()
    {
        if (_lastLexemeFrame is not { } frame) return new Text.SourceSpan(_current.FileName, 0, 0, 0, 0);
        var (startLine, startColumn, endLine, endColumn) = frame.Scanner.LastLexeme;
        var delta = frame.LexemeLineDelta;
        return new Text.SourceSpan(frame.FileName, startLine + delta, startColumn + 1, endLine + delta, endColumn + 1);
    }

    // Called after every scan: the span itself is made only at end of input, from the scanner's last lexeme.
    private void NoteLexeme(Frame frame)
    {
        var lexemes = frame.Scanner.Lexemes;
        if (lexemes == frame.LexemesSeen) return;
        frame.LexemesSeen = lexemes;
        frame.LexemeLineDelta = frame.LineDelta;
        if (!ReferenceEquals(_lastLexemeFrame, frame)) _lastLexemeFrame = frame;
    }

    private Frame NewFrame(string fileName, byte[] bytes, string? directory)
    {
        return new Frame { Scanner = new DtsScanner(bytes), Origin = new TokenOrigin(bytes, fileName, directory) };
    }

    /// <inheritdoc/>
    public IToken NextToken() => Next();

    /// <summary>The next token for the parser, after following includes and line markers.</summary>
    internal DtsToken Next()
    {
        if (++_tokens % ParseProgress.Interval == 0) ParseProgress.Handler?.Invoke();
        while (true)
        {
            var scanned = _current.Scanner.Next();
            NoteLexeme(_current);
            var token = _recycler.Token(_current.Origin, scanned.Type, scanned.Start, scanned.Stop,
                scanned.Line + _current.LineDelta, scanned.Column);
            switch (token.Type)
            {
                case DtsParser.INCLUDE:
                    PushInclude(token);
                    continue;
                case DtsParser.LINE_MARKER:
                    ApplyLineMarker(token);
                    continue;
                // The end of an included file returns to the includer; a byte that ends the input (see
                // DtsScanner.EndOfInputByte) ends it everywhere, as it ends dtc's parse.
                case TokenConstants.EOF when _stack.Count > 0 && scanned.Start >= _current.Scanner.Text.Length:
                    var mode = _current.Scanner.Mode;
                    _current = _stack.Pop();
                    _current.Scanner.Mode = mode;
                    continue;
                case TokenConstants.EOF:
                    return token;
                default:
                    if (!_depth.Observe(token)) throw new ParseDepthExceededException(token);
                    LiteralDiagnostics.Check(token, _diagnostics);
                    // dtc's parser reduces "/bits/ N <" as soon as it shifts the '<': a bad width is reported there.
                    if (token.Type == DtsParser.LT && _beforeLastType == DtsParser.BITS && _lastType == DtsParser.LITERAL)
                        LiteralDiagnostics.CheckBits(_lastLiteral!, _diagnostics);
                    _beforeLastType = _lastType;
                    _lastType = token.Type;
                    if (token.Type == DtsParser.LITERAL) _lastLiteral = token;
                    return token;
            }
        }
    }

    private void PushInclude(DtsToken token)
    {
        var text = token.Text;
        var name = SourceLoader.AsCName(text.Substring(text.IndexOf('"') + 1, text.Length - text.IndexOf('"') - 2));
        if (_stack.Count + 1 >= MaxIncludeDepth)
            throw new FatalCompilationException("Includes nested too deeply");
        var opened = _loader.Open(name, _current.Directory)
            ?? throw new FatalCompilationException($"Couldn't open \"{name}\": No such file or directory");
        var frame = NewFrame(opened.FullName, opened.Bytes, SourceLoader.DirectoryOf(opened.FullName));
        frame.Scanner.Mode = _current.Scanner.Mode;
        _stack.Push(_current);
        _current = frame;
    }

    // The file names of line markers: a preprocessed board names the same few files in marker after marker.
    private readonly NameTable _markerNames = new();

    private void ApplyLineMarker(DtsToken token)
    {
        var text = token.Bytes;
        var i = 0;
        while (text[i] < '0' || text[i] > '9') i++;
        var number = 0L;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9') number = number * 10 + (text[i++] - '0');
        var open = text.IndexOf((byte)'"');
        var close = text.LastIndexOf((byte)'"');
        var quoted = text.Slice(open + 1, close - open - 1);
        var name = quoted.IndexOf((byte)'\\') < 0 ? _markerNames.Get(quoted) : EscapeDecoder.Decode(Latin1.GetString(quoted));
        var nul = name.IndexOf('\0');
        if (nul >= 0)
        {
            _diagnostics.Report(SyntaxDiagnostics.NulInLineMarker, "nul in line number directive", token.Span);
            name = name.Substring(0, nul);
        }
        // The marker names the line that follows it; the lexer's line for that line is the marker's line + 1.
        var physicalLine = token.Line - _current.LineDelta;
        _current.LineDelta = (int)(number - (physicalLine + 1));
        _current.Origin = new TokenOrigin(_current.Origin.Text, name, _current.Origin.Directory);
    }

    /// <inheritdoc/>
    public int Line => _current.Scanner.Line + _current.LineDelta;

    /// <inheritdoc/>
    public int Column => _current.Scanner.Column;

    /// <summary>Not kept: the scanner reads bytes, not an ANTLR character stream.</summary>
    public ICharStream InputStream => null!;

    /// <inheritdoc/>
    public string SourceName => _current.FileName;

    /// <summary>Unused: tokens are made here, not through a factory.</summary>
    public ITokenFactory TokenFactory
    {
        get => CommonTokenFactory.Default;
        set { }
    }
}
