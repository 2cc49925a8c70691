using System;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using DtIommu.Sources;
using DtIommu.Text;

namespace DtIommu.Syntax;

/// <summary>
/// A token that knows the file name and line to report, after cpp line markers and <c>/include/</c>. It is also
/// its own leaf in the parse tree (<see cref="Generated.DtsRuleContext"/> adds it as is), and its text is cut from the file
/// only when asked for: a board has a token every few bytes, so each one is kept small, and one whose property has
/// been built is given out again for a later token (see <see cref="ParseTreeRecycler"/>).
/// </summary>
public sealed class DtsToken : IWritableToken, ITerminalNode
{
    private TokenOrigin _origin;
    private int _start;
    private int _stop;

    internal DtsToken(TokenOrigin origin, int type, int start, int stop, int line, int column)
    {
        _origin = origin;
        Reuse(origin, type, start, stop, line, column);
    }

    /// <summary>Makes this (released) token a new one, as the constructor would.</summary>
    internal void Reuse(TokenOrigin origin, int type, int start, int stop, int line, int column)
    {
        // Nearly always the origin it had: compared first, it is not stored (a write barrier) again.
        if (!ReferenceEquals(_origin, origin)) _origin = origin;
        Type = type;
        _start = start;
        _stop = stop;
        Line = line;
        Column = column;
        TokenIndex = -1;
    }

    /// <summary>The file name diagnostics use (cpp line markers can change it).</summary>
    public string FileName => _origin.FileName;

    /// <summary>Directory of the file the token was read from (dtc resolves <c>/incbin/</c> against it).</summary>
    public string? Directory => _origin.Directory;

    /// <summary>The token's characters (one per source byte), or <c>&lt;EOF&gt;</c> at end of input.</summary>
    public string Text
    {
        get => Type == TokenConstants.EOF ? "<EOF>" : Latin1.GetString(_origin.Text, _start, _stop - _start + 1);
        set => throw new System.NotSupportedException("DTS tokens are read-only");
    }

    /// <summary>The token's bytes, without a string of their own.</summary>
    internal ReadOnlySpan<byte> Bytes => new(_origin.Text, _start, _stop - _start + 1);

    /// <summary>The token's length in characters.</summary>
    internal int Length => _stop - _start + 1;

    /// <summary>The text without its first <paramref name="head"/> and last <paramref name="tail"/> characters.</summary>
    internal string Slice(int head, int tail) => Latin1.GetString(_origin.Text, _start + head, _stop - _start + 1 - head - tail);

    /// <inheritdoc/>
    public int Type { get; set; }

    /// <inheritdoc/>
    public int Line { get; set; }

    /// <inheritdoc/>
    public int Column { get; set; }

    /// <summary>Always the default channel: blanks and comments never become tokens.</summary>
    public int Channel
    {
        get => TokenConstants.DefaultChannel;
        set { }
    }

    /// <inheritdoc/>
    public int TokenIndex { get; set; } = -1;

    /// <inheritdoc/>
    public int StartIndex => _start;

    /// <inheritdoc/>
    public int StopIndex => _stop;

    /// <summary>Not kept (the parser never asks): tokens are made by the token source, not a lexer.</summary>
    public ITokenSource TokenSource => null!;

    /// <summary>Not kept: the scanner reads bytes, not an ANTLR character stream.</summary>
    public ICharStream InputStream => null!;

    /// <summary>The span of this token in dtc's convention (1-based, end column exclusive).</summary>
    public SourceSpan Span
    {
        get
        {
            // Only strings and char literals can hold a newline; every other token ends on its own line, and
            // computing that end arithmetically avoids materialising the text of every token of a large tree.
            if (Type != Generated.DtsParser.STRING && Type != Generated.DtsParser.CHAR_LITERAL && _stop >= _start)
                return new SourceSpan(FileName, Line, Column + 1, Line, Column + 1 + (_stop - _start + 1));
            int line = Line, col = Column + 1;
            if (_stop >= _start)
            {
                var text = _origin.Text;
                for (var i = _start; i <= _stop; i++)
                {
                    if (text[i] == '\n') { line++; col = 1; }
                    else col++;
                }
            }
            return new SourceSpan(FileName, Line, Column + 1, line, col);
        }
    }

    // ---------------------------------------------------------------- the token as a parse-tree leaf

    IToken ITerminalNode.Symbol => this;

    // Not kept: nothing walks up the tree from a token, and a board has tens of thousands of them.
    IParseTree IParseTree.Parent => null!;

    IRuleNode ITerminalNode.Parent => null!;

    ITree ITree.Parent => null!;

    object ITree.Payload => this;

    int ITree.ChildCount => 0;

    IParseTree IParseTree.GetChild(int i) => null!;

    ITree ITree.GetChild(int i) => null!;

    Interval ISyntaxTree.SourceInterval => TokenIndex < 0 ? Interval.Invalid : Interval.Of(TokenIndex, TokenIndex);

    T IParseTree.Accept<T>(IParseTreeVisitor<T> visitor) => visitor.VisitTerminal(this);

    string IParseTree.GetText() => Text;

    string IParseTree.ToStringTree(Parser parser) => Text;

    string ITree.ToStringTree() => Text;

    /// <inheritdoc/>
    public override string ToString() => Type == TokenConstants.EOF ? "<EOF>" : Text;
}
