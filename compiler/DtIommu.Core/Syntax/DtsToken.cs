using Antlr4.Runtime;
using DtIommu.Text;

namespace DtIommu.Syntax;

/// <summary>
/// A token that knows the file name and line to report, after cpp line markers and <c>/include/</c>;
/// its end position is computed only when a span is asked for.
/// </summary>
public sealed class DtsToken : CommonToken
{
    internal DtsToken(System.Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop)
        : base(source, type, channel, start, stop)
    {
    }

    /// <summary>The file name diagnostics use (cpp line markers can change it).</summary>
    public string FileName { get; internal set; } = "";

    /// <summary>Directory of the file the token was read from (dtc resolves <c>/incbin/</c> against it).</summary>
    public string? Directory { get; internal set; }

    /// <summary>The span of this token in dtc's convention (1-based, end column exclusive).</summary>
    public SourceSpan Span
    {
        get
        {
            // Only strings and char literals can hold a newline; every other token ends on its own line, and
            // computing that end arithmetically avoids materialising the text of every token of a large tree.
            if (Type != Generated.DtsLexer.STRING && Type != Generated.DtsLexer.CHAR_LITERAL && StopIndex >= StartIndex)
                return new SourceSpan(FileName, Line, Column + 1, Line, Column + 1 + (StopIndex - StartIndex + 1));
            var text = Text ?? "";
            int line = Line, col = Column + 1;
            foreach (var ch in text)
            {
                if (ch == '\n') { line++; col = 1; }
                else col++;
            }
            return new SourceSpan(FileName, Line, Column + 1, line, col);
        }
    }
}
