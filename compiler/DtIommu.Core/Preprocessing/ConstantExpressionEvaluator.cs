using System;
using System.Collections.Generic;
using System.Globalization;

namespace DtIommu.Preprocessing;

/// <summary>
/// Evaluates the integer constant expression of <c>#if</c>/<c>#elif</c> as cpp does: macros expanded, <c>defined</c>
/// and <c>__has_include</c> resolved first, remaining identifiers are 0, arithmetic in 64-bit signed or unsigned
/// with C's conversions, and the unevaluated operand of <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> cannot divide by zero.
/// </summary>
internal sealed class ConstantExpressionEvaluator
{
    private sealed class Item
    {
        public Item(PpToken token, PpValue value, bool isOperand)
        {
            Token = token;
            Value = value;
            IsOperand = isOperand;
        }

        public PpToken Token { get; }
        public PpValue Value { get; }
        public bool IsOperand { get; }
        public string Op => IsOperand ? "" : Token.Text;
    }

    private sealed class SyntaxError : Exception
    {
    }

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "(", ")", "?", ":", ",", "||", "&&", "|", "^", "&", "==", "!=", "<", ">", "<=", ">=", "<<", ">>", "+", "-", "*",
        "/", "%", "~", "!",
    };

    private readonly MacroExpander _expander;
    private readonly MacroTable _macros;
    private readonly IPpDiagnosticSink _diagnostics;
    private readonly Func<string, bool, bool, bool> _hasInclude;
    private List<Item> _items = new();
    private int _pos;
    private int _skip;
    private int _depth;

    /// <summary>Parentheses and unary operators nested deeper than this are rejected rather than overflowing the stack.</summary>
    private const int MaxNesting = 1000;
    private PpToken _directive = new(PpTokenKind.EndOfInput, "");
    private PpToken _endToken = new(PpTokenKind.EndOfInput, "");

    // hasInclude answers __has_include: header name, angled form, _next variant.
    public ConstantExpressionEvaluator(MacroExpander expander, MacroTable macros, IPpDiagnosticSink diagnostics, Func<string, bool, bool, bool> hasInclude)
    {
        _expander = expander;
        _macros = macros;
        _diagnostics = diagnostics;
        _hasInclude = hasInclude;
    }

    /// <summary>Reads the rest of the directive from the expander and evaluates it; errors make it false.</summary>
    public bool Evaluate(PpToken directive)
    {
        _directive = directive;
        _endToken = directive;
        _items = new List<Item>();
        _pos = 0;
        _skip = 0;
        _depth = 0;
        try
        {
            if (!Lex()) return false;
            if (_items.Count == 0)
            {
                Error(_endToken, $"#{directive.Text} with no expression");
                return false;
            }
            var v = Comma();
            if (_pos < _items.Count)
            {
                var it = _items[_pos];
                if (it.Op == ")") Error(it.Token, "missing '(' in expression");
                else if (it.Op == ":") Error(it.Token, "':' without preceding '?'");
                else Error(it.Token, $"missing binary operator before token \"{it.Token.Text}\"");
                return false;
            }
            return !v.IsZero;
        }
        catch (SyntaxError)
        {
            return false;
        }
    }

    private void Error(PpToken at, string message) => _diagnostics.Report(PreprocessorDiagnostics.BadExpression, at, message);

    /// <summary>End of input is reported where the line ends, other tokens where they are.</summary>
    private PpToken At(PpToken t)
    {
        if (t.Kind != PpTokenKind.EndOfInput) return t;
        if (t.File != null) _endToken = t;
        return _endToken;
    }

    private void Warn(PpToken at, string message) => _diagnostics.Report(PreprocessorDiagnostics.Suspicious, at, message);

    private PpToken NextToken()
    {
        PpToken t;
        do t = _expander.Next();
        while (t.Kind == PpTokenKind.Padding);
        return t;
    }

    private bool Lex()
    {
        bool ok = true;
        while (true)
        {
            var t = NextToken();
            if (t.Kind == PpTokenKind.EndOfInput)
            {
                if (t.File != null) _endToken = t;
                break;
            }
            switch (t.Kind)
            {
                case PpTokenKind.Identifier when t.Text == "defined":
                    if (!LexDefined(t)) ok = false;
                    break;
                case PpTokenKind.Identifier when t.Text == "__has_include" || t.Text == "__has_include_next":
                    if (!LexHasInclude(t)) ok = false;
                    break;
                case PpTokenKind.Identifier:
                    _items.Add(new Item(t, PpValue.Signed(0), true));
                    break;
                case PpTokenKind.Number:
                    if (ParseNumber(t, out var n)) _items.Add(new Item(t, n, true));
                    else ok = false;
                    break;
                case PpTokenKind.CharLiteral:
                    _items.Add(new Item(t, ParseChar(t), true));
                    break;
                case PpTokenKind.Punctuator when Operators.Contains(t.Text):
                    _items.Add(new Item(t, default, false));
                    break;
                default:
                    if (ok) Error(t, $"token \"{t.Text}\" is not valid in preprocessor expressions");
                    ok = false;
                    break;
            }
            if (!ok) break;
        }
        if (!ok)
        {
            // Drain the line so that the caller's end-of-directive check sees the end.
            while (NextToken().Kind != PpTokenKind.EndOfInput) { }
        }
        return ok;
    }

    private bool LexDefined(PpToken op)
    {
        _expander.PreventExpansion++;
        try
        {
            var t = NextToken();
            bool paren = t.Is("(");
            if (paren) t = NextToken();
            if (t.Kind != PpTokenKind.Identifier)
            {
                Error(At(t), "operator \"defined\" requires an identifier");
                if (t.Kind == PpTokenKind.EndOfInput) _expander.Source.Pushback(t);
                return false;
            }
            if (paren)
            {
                var close = NextToken();
                if (!close.Is(")"))
                {
                    Error(At(close), "missing ')' after \"defined\"");
                    if (close.Kind == PpTokenKind.EndOfInput) _expander.Source.Pushback(close);
                    return false;
                }
            }
            _items.Add(new Item(t, PpValue.Bool(_macros.IsDefined(t.Text)), true));
            return true;
        }
        finally
        {
            _expander.PreventExpansion--;
        }
    }

    private bool LexHasInclude(PpToken op)
    {
        _expander.PreventExpansion++;
        try
        {
            var t = NextToken();
            if (!t.Is("("))
            {
                Error(op, $"missing '(' after \"{op.Text}\"");
                return false;
            }
            t = NextToken();
            string name;
            bool angled;
            if (t.Kind == PpTokenKind.StringLiteral && t.Text.Length >= 2 && t.Text[0] == '"')
            {
                name = t.Text.Substring(1, t.Text.Length - 2);
                angled = false;
            }
            else if (t.Is("<"))
            {
                var sb = new System.Text.StringBuilder();
                while (true)
                {
                    t = NextToken();
                    if (t.Kind == PpTokenKind.EndOfInput)
                    {
                        Error(op, $"missing terminating > character");
                        return false;
                    }
                    if (t.Is(">")) break;
                    if (t.PrevWhite && sb.Length > 0) sb.Append(' ');
                    sb.Append(t.Text);
                }
                name = sb.ToString();
                angled = true;
            }
            else
            {
                Error(op, $"operator \"{op.Text}\" requires a header-name");
                return false;
            }
            if (!NextToken().Is(")"))
            {
                Error(op, $"missing ')' after \"{op.Text}\" operand");
                return false;
            }
            _items.Add(new Item(op, PpValue.Bool(_hasInclude(name, angled, op.Text == "__has_include_next")), true));
            return true;
        }
        finally
        {
            _expander.PreventExpansion--;
        }
    }

    private bool ParseNumber(PpToken t, out PpValue value)
    {
        value = default;
        string s = t.Text;
        int radix = 10;
        int start = 0;
        if (s.Length > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { radix = 16; start = 2; }
        else if (s.Length > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) { radix = 2; start = 2; }
        else if (s[0] == '0') radix = 8;

        int end = start;
        while (end < s.Length && DigitValue(s[end]) < (radix == 16 ? 16 : 10)) end++;
        bool isFloat = end < s.Length && (s[end] == '.' || (radix != 16 && (s[end] == 'e' || s[end] == 'E')) || (radix == 16 && (s[end] == 'p' || s[end] == 'P')));
        if (isFloat || s[0] == '.')
        {
            Error(t, "floating constant in preprocessor expression");
            return false;
        }
        string suffix = s.Substring(end);
        string ls = suffix.ToLowerInvariant();
        bool validSuffix = ls is "" or "u" or "l" or "ul" or "lu" or "ll" or "ull" or "llu"
            && !suffix.Contains("lL") && !suffix.Contains("Ll");
        if (!validSuffix || (radix == 16 && end == start) || (radix == 2 && end == start))
        {
            Error(t, $"invalid suffix \"{(end == start && radix != 10 ? s.Substring(start - 1) : suffix)}\" on integer constant");
            return false;
        }
        bool unsigned = ls.IndexOf('u') >= 0;
        ulong acc = 0;
        bool overflow = false;
        for (int i = start; i < end; i++)
        {
            int d = DigitValue(s[i]);
            if (d >= radix)
            {
                Error(t, $"invalid digit \"{s[i]}\" in {(radix == 8 ? "octal" : "binary")} constant");
                return false;
            }
            ulong next = unchecked(acc * (ulong)radix + (ulong)d);
            if (acc > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
            acc = next;
        }
        if (overflow) Warn(t, "integer constant is too large for its type");
        else if (!unsigned && acc > long.MaxValue)
        {
            if (radix == 10) Warn(t, "integer constant is so large that it is unsigned");
            unsigned = true;
        }
        value = new PpValue(unchecked((long)acc), unsigned);
        return true;
    }

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return 99;
    }

    private PpValue ParseChar(PpToken t)
    {
        string s = t.Text;
        bool wide = s[0] == 'L';
        int i = wide ? 2 : 1;
        int end = s.Length - 1;
        var chars = new List<long>();
        while (i < end)
        {
            char c = s[i++];
            if (c != '\\' || i >= end)
            {
                chars.Add(c);
                continue;
            }
            char e = s[i++];
            switch (e)
            {
                case 'n': chars.Add('\n'); break;
                case 't': chars.Add('\t'); break;
                case 'r': chars.Add('\r'); break;
                case 'a': chars.Add(7); break;
                case 'b': chars.Add(8); break;
                case 'f': chars.Add(12); break;
                case 'v': chars.Add(11); break;
                case 'e': case 'E': chars.Add(27); break;
                case 'x':
                {
                    long v = 0;
                    while (i < end && DigitValue(s[i]) < 16) v = v * 16 + DigitValue(s[i++]);
                    chars.Add(v);
                    break;
                }
                default:
                    if (e >= '0' && e <= '7')
                    {
                        long v = e - '0';
                        for (int k = 0; k < 2 && i < end && s[i] >= '0' && s[i] <= '7'; k++) v = v * 8 + (s[i++] - '0');
                        chars.Add(v);
                    }
                    else chars.Add(e);
                    break;
            }
        }
        if (chars.Count == 0)
        {
            Error(t, "empty character constant");
            return PpValue.Signed(0);
        }
        if (wide) return PpValue.Signed((int)chars[chars.Count - 1]);
        if (chars.Count == 1) return PpValue.Signed((sbyte)(byte)chars[0]);
        Warn(t, "multi-character character constant");
        int result = 0;
        foreach (var c in chars) result = unchecked((result << 8) | (int)(c & 0xff));
        return PpValue.Signed(result);
    }

    private Item? Peek => _pos < _items.Count ? _items[_pos] : null;

    private bool PeekOp(string op) => Peek is { IsOperand: false } it && it.Op == op;

    private PpValue Comma()
    {
        var v = Conditional();
        while (PeekOp(","))
        {
            var op = _items[_pos++];
            RequireOperand(op);
            v = Conditional();
        }
        return v;
    }

    private PpValue Conditional()
    {
        var c = Binary(0);
        if (!PeekOp("?")) return c;
        var q = _items[_pos++];
        RequireOperand(q);
        if (c.IsZero) _skip++;
        var a = Comma();
        if (c.IsZero) _skip--;
        if (!PeekOp(":"))
        {
            Error(Peek?.Token ?? _endToken, "'?' without following ':'");
            throw new SyntaxError();
        }
        var colon = _items[_pos++];
        RequireOperand(colon);
        if (!c.IsZero) _skip++;
        var b = Conditional();
        if (!c.IsZero) _skip--;
        bool u = a.Unsigned || b.Unsigned;
        return new PpValue(c.IsZero ? b.Value : a.Value, u);
    }

    private static readonly string[][] Levels =
    {
        new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "==", "!=" },
        new[] { "<", ">", "<=", ">=" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
    };

    private PpValue Binary(int level)
    {
        if (level == Levels.Length) return Unary();
        var left = Binary(level + 1);
        while (Peek is { IsOperand: false } it && Array.IndexOf(Levels[level], it.Op) >= 0)
        {
            _pos++;
            RequireOperand(it);
            bool shortCircuit = (it.Op == "&&" && left.IsZero) || (it.Op == "||" && !left.IsZero);
            if (shortCircuit) _skip++;
            var right = Binary(level + 1);
            if (shortCircuit) _skip--;
            left = Apply(it, left, right);
        }
        return left;
    }

    private void RequireOperand(Item op)
    {
        var next = Peek;
        if (next == null || (!next.IsOperand && next.Op != "(" && next.Op != "-" && next.Op != "+" && next.Op != "~" && next.Op != "!"))
        {
            if (next != null && next.Op == ")" && op.Op == "(") Error(next.Token, "missing expression between '(' and ')'");
            else Error(next?.Token ?? _endToken, $"operator '{op.Op}' has no right operand");
            throw new SyntaxError();
        }
    }

    private PpValue Unary()
    {
        var it = Peek;
        if (it == null)
        {
            Error(_endToken, $"#{_directive.Text} with no expression");
            throw new SyntaxError();
        }
        _pos++;
        if (it.IsOperand) return it.Value;
        if (++_depth > MaxNesting)
        {
            Error(it.Token, $"#{_directive.Text} expression nested more than {MaxNesting} levels deep");
            throw new SyntaxError();
        }
        switch (it.Op)
        {
            case "(":
            {
                RequireOperand(it);
                var v = Comma();
                if (!PeekOp(")"))
                {
                    Error(Peek?.Token ?? it.Token, "missing ')' in expression");
                    throw new SyntaxError();
                }
                _pos++;
                return v;
            }
            case "+":
            case "-":
            case "~":
            case "!":
            {
                RequireOperand(it);
                var v = Unary();
                return it.Op switch
                {
                    "+" => v,
                    "-" => new PpValue(unchecked(-v.Value), v.Unsigned),
                    "~" => new PpValue(~v.Value, v.Unsigned),
                    _ => PpValue.Bool(v.IsZero),
                };
            }
            default:
                Error(it.Token, $"operator '{it.Op}' has no left operand");
                throw new SyntaxError();
        }
    }

    private PpValue Apply(Item op, PpValue l, PpValue r)
    {
        bool u = l.Unsigned || r.Unsigned;
        ulong ul = unchecked((ulong)l.Value), ur = unchecked((ulong)r.Value);
        switch (op.Op)
        {
            case "||": return PpValue.Bool(!l.IsZero || !r.IsZero);
            case "&&": return PpValue.Bool(!l.IsZero && !r.IsZero);
            case "|": return new PpValue(l.Value | r.Value, u);
            case "^": return new PpValue(l.Value ^ r.Value, u);
            case "&": return new PpValue(l.Value & r.Value, u);
            case "==": return PpValue.Bool(l.Value == r.Value);
            case "!=": return PpValue.Bool(l.Value != r.Value);
            case "<": return PpValue.Bool(u ? ul < ur : l.Value < r.Value);
            case ">": return PpValue.Bool(u ? ul > ur : l.Value > r.Value);
            case "<=": return PpValue.Bool(u ? ul <= ur : l.Value <= r.Value);
            case ">=": return PpValue.Bool(u ? ul >= ur : l.Value >= r.Value);
            case "<<": return Shift(l, r, true);
            case ">>": return Shift(l, r, false);
            case "+": return new PpValue(unchecked(l.Value + r.Value), u);
            case "-": return new PpValue(unchecked(l.Value - r.Value), u);
            case "*": return new PpValue(unchecked(u ? (long)(ul * ur) : l.Value * r.Value), u);
            default:
                if (r.IsZero)
                {
                    if (_skip == 0)
                    {
                        Error(op.Token, "division by zero in #if");
                        throw new SyntaxError();
                    }
                    return new PpValue(0, u);
                }
                if (op.Op == "/")
                {
                    if (u) return new PpValue(unchecked((long)(ul / ur)), true);
                    return new PpValue(r.Value == -1 ? unchecked(-l.Value) : l.Value / r.Value, false);
                }
                if (u) return new PpValue(unchecked((long)(ul % ur)), true);
                return new PpValue(r.Value == -1 ? 0 : l.Value % r.Value, false);
        }
    }

    private static PpValue Shift(PpValue l, PpValue r, bool left)
    {
        // The result has the left operand's type; a negative count shifts the other way, as in cpp.
        long n = r.Value;
        if (!r.Unsigned && n < 0)
        {
            left = !left;
            n = n == long.MinValue ? long.MaxValue : -n;
        }
        else if (r.Unsigned && n < 0) n = long.MaxValue;
        if (left)
            return new PpValue(n >= 64 ? 0 : l.Value << (int)n, l.Unsigned);
        if (l.Unsigned)
            return new PpValue(n >= 64 ? 0 : unchecked((long)((ulong)l.Value >> (int)n)), true);
        return new PpValue(n >= 64 ? (l.Value < 0 ? -1 : 0) : l.Value >> (int)n, false);
    }
}
