using System.Collections.Generic;
using Antlr4.Runtime;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Follows how deep dtc's bison parser stack would be at each token and stops the parse where bison's would
/// overflow (YYMAXDEPTH, 10,000 entries: dtc says "memory exhausted"). The recursive parser behind dtiommu needs a
/// bound on input depth anyway; taking dtc's own bound puts the error on the same token for nested nodes,
/// parentheses, unary operators, ?: chains and labels. Two dtc limits are deliberately not copied: sibling nodes and
/// /memreserve/ entries, which pile up on dtc's stack only because its grammar is right-recursive there (dtc fails
/// at 10,000 siblings; dtiommu accepts them).
/// </summary>
internal sealed class ParserDepthGuard
{
    /// <summary>Bison's default YYMAXDEPTH, dtc's limit.</summary>
    public const int MaxDepth = 10000;

    // Entries under everything: the start state, the headers and the memory reservations.
    private const int BaseDepth = 3;

    private sealed class ExprLevel
    {
        // Pending "operand operator" pairs with their precedence (0 for the arms of ?:) and stack weight.
        public readonly Stack<(int Precedence, int Weight, bool IsQuestion)> Pairs = new();
        public int Weight;
        public int Unary;
        public bool HasOperand;
    }

    private readonly Stack<int> _bodies = new();          // depth inside each open node body
    private readonly Stack<ExprLevel> _levels = new();    // open parentheses
    private int _outerLevels;                             // depth of the open parentheses under the innermost
    private int _topDepth = BaseDepth;                    // depth outside any node body
    private int _prefix;                                  // labels, names, /omit-if-no-ref/ of the current statement
    private int _value;                                   // '=', the value prefix and an open '<' of a property
    private bool _inCells;

    /// <summary>Accounts for <paramref name="token"/>; false when bison's stack would overflow on it.</summary>
    public bool Observe(DtsToken token)
    {
        if (_levels.Count > 0) ObserveInExpression(token.Type);
        else ObserveOutside(token.Type);
        return Depth() < MaxDepth;
    }

    private int Depth()
    {
        var depth = (_bodies.Count > 0 ? _bodies.Peek() : _topDepth) + _prefix + _value;
        return _levels.Count > 0 ? depth + _outerLevels + DepthOf(_levels.Peek()) : depth;
    }

    private static int DepthOf(ExprLevel level) => 1 + level.Weight + level.Unary + (level.HasOperand ? 1 : 0);

    // Only the innermost parenthesis changes while it is open, so the ones under it are summed once, when it opens:
    // summing them at every token made 10,000 nested parentheses take a third of a second.
    private void OpenParenthesis()
    {
        if (_levels.Count > 0) _outerLevels += DepthOf(_levels.Peek());
        _levels.Push(_closedLevels.Count > 0 ? _closedLevels.Pop() : new ExprLevel());
    }

    private void CloseParenthesis()
    {
        var closed = _levels.Pop();
        closed.Pairs.Clear();
        closed.Weight = closed.Unary = 0;
        closed.HasOperand = false;
        _closedLevels.Push(closed);
        if (_levels.Count > 0) _outerLevels -= DepthOf(_levels.Peek());
    }

    // Levels of closed parentheses, reused: a board has a parenthesised expression in many of its cells.
    private readonly Stack<ExprLevel> _closedLevels = new();

    private void ObserveOutside(int type)
    {
        switch (type)
        {
            case DtsParser.LBRACE:
                _bodies.Push(Depth() + 2);      // '{' and the (empty) property list
                _prefix = 0;
                break;
            case DtsParser.RBRACE:
                if (_bodies.Count > 0) _bodies.Pop();
                _prefix = _bodies.Count > 0 ? 1 : 0;  // the finished node waits for its ';'
                _value = 0;
                if (_bodies.Count == 0) _topDepth = BaseDepth + 1;  // the definitions so far reduce to one entry
                break;
            case DtsParser.SEMI:
                _prefix = 0;
                _value = 0;
                _inCells = false;
                break;
            case DtsParser.ASSIGN:
                _value = 2;                     // '=' and the empty value prefix
                break;
            case DtsParser.LT when _value > 0:
                _inCells = true;
                _value = 3;
                break;
            case DtsParser.GT when _inCells:
                _inCells = false;
                _value = 2;
                break;
            case DtsParser.LPAREN:
                OpenParenthesis();
                break;
            case DtsParser.LABEL when _value > 0:
                break;                          // value labels reduce at once (left recursion)
            case DtsParser.LABEL:
            case DtsParser.OMIT_NO_REF:
            case DtsParser.PROPNODENAME:
            case DtsParser.SLASH:
            case DtsParser.LABEL_REF:
            case DtsParser.PATH_REF:
                if (_value == 0) _prefix++;
                break;
        }
    }

    private void ObserveInExpression(int type)
    {
        var level = _levels.Peek();
        switch (type)
        {
            case DtsParser.LPAREN:
                OpenParenthesis();
                return;
            case DtsParser.RPAREN:
                CloseParenthesis();
                if (_levels.Count > 0) CompleteOperand(_levels.Peek());
                return;
            case DtsParser.LITERAL:
            case DtsParser.CHAR_LITERAL:
                CompleteOperand(level);
                return;
            case DtsParser.QUESTION:
                Reduce(level, 1);
                Push(level, 0, 2, true);
                return;
            case DtsParser.COLON:
                while (level.Pairs.Count > 0)
                {
                    var pair = level.Pairs.Pop();
                    level.Weight -= pair.Weight;
                    if (pair.IsQuestion) break;
                }
                Push(level, 0, 4, false);
                return;
            case DtsParser.MINUS or DtsParser.TILDE or DtsParser.BANG when !level.HasOperand:
                level.Unary++;
                return;
        }
        var precedence = Precedence(type);
        if (precedence == 0) return;
        Reduce(level, precedence);
        Push(level, precedence, 2, false);
    }

    private static void CompleteOperand(ExprLevel level)
    {
        level.Unary = 0;
        level.HasOperand = true;
    }

    private static void Reduce(ExprLevel level, int precedence)
    {
        while (level.Pairs.Count > 0 && level.Pairs.Peek().Precedence >= precedence)
            level.Weight -= level.Pairs.Pop().Weight;
    }

    private static void Push(ExprLevel level, int precedence, int weight, bool isQuestion)
    {
        level.Pairs.Push((precedence, weight, isQuestion));
        level.Weight += weight;
        level.HasOperand = false;
    }

    // C's binary operators, loosest (1) to tightest (10).
    private static int Precedence(int type) => type switch
    {
        DtsParser.OR => 1,
        DtsParser.AND => 2,
        DtsParser.PIPE => 3,
        DtsParser.CARET => 4,
        DtsParser.AMP => 5,
        DtsParser.EQ or DtsParser.NE => 6,
        DtsParser.LT or DtsParser.GT or DtsParser.LE or DtsParser.GE => 7,
        DtsParser.LSHIFT or DtsParser.RSHIFT => 8,
        DtsParser.PLUS or DtsParser.MINUS => 9,
        DtsParser.STAR or DtsParser.SLASH or DtsParser.PERCENT => 10,
        _ => 0,
    };
}
