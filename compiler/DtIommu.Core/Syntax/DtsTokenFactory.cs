using System;
using Antlr4.Runtime;

namespace DtIommu.Syntax;

/// <summary>Creates <see cref="DtsToken"/>s stamped with the file name and line that the token source reports.</summary>
internal sealed class DtsTokenFactory : ITokenFactory
{
    private readonly DtsTokenSource _owner;

    public DtsTokenFactory(DtsTokenSource owner) => _owner = owner;

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel, int start, int stop,
        int line, int charPositionInLine)
    {
        var t = new DtsToken(source, type, channel, start, stop)
        {
            Line = line + _owner.LineDelta,
            Column = charPositionInLine,
            FileName = _owner.CurrentFileName,
            Directory = _owner.CurrentDirectory,
        };
        if (text != null) t.Text = text;
        return t;
    }

    public IToken Create(int type, string text) => new CommonToken(type, text);
}
