using System;
using System.Collections.Generic;
using System.Text;

namespace DtIommu.Preprocessing;

/// <summary>
/// Expands macros the way GNU cpp does: a stack of token contexts over the unexpanded input, a macro disabled while its
/// own expansion is read (so it is never expanded inside itself, and names met then are painted never to expand), and
/// padding tokens that tell the output where cpp puts spaces.
/// </summary>
internal sealed class MacroExpander
{
    /// <summary>Nesting beyond this many contexts is treated as runaway expansion.</summary>
    private const int MaxContextDepth = 256;

    /// <summary>Tokens one top-level expansion may produce before it is treated as runaway.</summary>
    private const long MaxTokensPerExpansion = 20_000_000;

    private static readonly PpToken AvoidPaste = new(PpTokenKind.Padding, "");

    private sealed class Context
    {
        public Context(List<PpToken> tokens, MacroDefinition? macro)
        {
            Tokens = tokens;
            Macro = macro;
        }

        public List<PpToken> Tokens { get; }
        public int Pos { get; set; }
        public MacroDefinition? Macro { get; }
    }

    private sealed class MacroArgument
    {
        public List<PpToken> Raw { get; } = new();
        public List<PpToken>? Expanded { get; set; }
        public PpToken? Stringified { get; set; }
    }

    private readonly List<Context> _contexts = new();
    private readonly MacroTable _macros;
    private readonly IPpDiagnosticSink _diagnostics;
    private readonly Func<BuiltinMacroKind, PpToken, string> _builtinText;
    private long _budget;
    private bool _runaway;

    public MacroExpander(MacroTable macros, IPpDiagnosticSink diagnostics, Func<BuiltinMacroKind, PpToken, string> builtinText, IPpTokenSource source)
    {
        _macros = macros;
        _diagnostics = diagnostics;
        _builtinText = builtinText;
        Source = source;
    }

    /// <summary>The unexpanded input: the file reader, or a directive line while a directive is processed.</summary>
    public IPpTokenSource Source { get; set; }

    /// <summary>Inside a directive no padding is produced, as in cpp.</summary>
    public bool InDirective { get; set; }

    /// <summary>Greater than zero while macro names must be returned unexpanded (arguments, operand of defined).</summary>
    public int PreventExpansion { get; set; }

    /// <summary>1 while looking for the '(' of a function-like macro, 2 while collecting its arguments.</summary>
    public int ParsingArgs { get; private set; }

    /// <summary>The name token of the outermost macro being expanded: <c>__LINE__</c> refers to its line.</summary>
    public PpToken? ExpansionPoint { get; private set; }

    /// <summary>True when no macro expansion is in progress.</summary>
    public bool AtBase => _contexts.Count == 0;

    /// <summary>The next fully macro-expanded token, possibly a padding token.</summary>
    public PpToken Next()
    {
        while (true)
        {
            PpToken result;
            if (_contexts.Count == 0)
            {
                result = Source.Next();
            }
            else
            {
                var ctx = _contexts[_contexts.Count - 1];
                if (ctx.Pos < ctx.Tokens.Count)
                {
                    result = ctx.Tokens[ctx.Pos++];
                    if (result.PasteLeft)
                    {
                        PasteAll(ctx, result);
                        if (InDirective) continue;
                        return Padding(result);
                    }
                }
                else
                {
                    Pop();
                    if (InDirective) continue;
                    return AvoidPaste;
                }
            }

            if (result.Kind == PpTokenKind.Identifier && !result.NoExpand)
            {
                var macro = _macros.Lookup(result.Text);
                if (macro != null)
                {
                    if (macro.Disabled)
                    {
                        result = result.Clone();
                        result.NoExpand = true;
                    }
                    else if (PreventExpansion == 0)
                    {
                        if (_contexts.Count == 0)
                        {
                            ExpansionPoint = result;
                            _budget = MaxTokensPerExpansion;
                            _runaway = false;
                        }
                        if (Enter(macro, result))
                        {
                            if (InDirective) continue;
                            return Padding(result);
                        }
                    }
                }
            }
            return result;
        }
    }

    /// <summary>Switches to reading one directive line, remembering how to resume the interrupted reading.</summary>
    public object BeginDirective(IPpTokenSource line)
    {
        var saved = new SavedState(Source, InDirective, PreventExpansion, ParsingArgs, _contexts.Count);
        Source = line;
        InDirective = true;
        PreventExpansion = 0;
        ParsingArgs = 0;
        return saved;
    }

    /// <summary>Resumes the reading that <see cref="BeginDirective"/> interrupted.</summary>
    public void EndDirective(object state)
    {
        var saved = (SavedState)state;
        while (_contexts.Count > saved.Depth) Pop();
        Source = saved.Source;
        InDirective = saved.InDirective;
        PreventExpansion = saved.PreventExpansion;
        ParsingArgs = saved.ParsingArgs;
    }

    private sealed record SavedState(IPpTokenSource Source, bool InDirective, int PreventExpansion, int ParsingArgs, int Depth);

    private static PpToken Padding(PpToken source) => new(PpTokenKind.Padding, "") { Source = source };

    private void Push(List<PpToken> tokens, MacroDefinition? macro)
    {
        if (macro != null) macro.Disabled = true;
        _contexts.Add(new Context(tokens, macro));
    }

    private void Pop()
    {
        var ctx = _contexts[_contexts.Count - 1];
        _contexts.RemoveAt(_contexts.Count - 1);
        if (ctx.Macro != null) ctx.Macro.Disabled = false;
    }

    private void Backup(PpToken token)
    {
        if (_contexts.Count > 0)
        {
            var ctx = _contexts[_contexts.Count - 1];
            if (ctx.Pos > 0) ctx.Pos--;
        }
        else
        {
            Source.Pushback(token);
        }
    }

    private bool Enter(MacroDefinition macro, PpToken name)
    {
        if (_contexts.Count >= MaxContextDepth || _runaway)
        {
            if (!_runaway)
                _diagnostics.Report(PreprocessorDiagnostics.MacroRecursion, ExpansionPoint ?? name,
                    $"expansion of macro \"{ExpansionPoint?.Text ?? name.Text}\" nests more than {MaxContextDepth} levels deep");
            _runaway = true;
            return false;
        }

        if (macro.Builtin != BuiltinMacroKind.None)
        {
            var tokens = PpLexer.LexText(_builtinText(macro.Builtin, name));
            foreach (var t in tokens) t.PrevWhite = false;
            Push(tokens, null);
            return true;
        }

        List<MacroArgument>? args = null;
        if (macro.IsFunctionLike)
        {
            // Inside an expansion, cpp reports invocation errors at the outermost macro's name in the source.
            var at = _contexts.Count > 0 && ExpansionPoint != null ? ExpansionPoint : name;
            PreventExpansion++;
            ParsingArgs = 1;
            PpToken? padding = null;
            var token = Next();
            while (token.Kind == PpTokenKind.Padding)
            {
                if (padding == null || (!padding.PrevWhite && token.Source == null)) padding = token;
                token = Next();
            }
            if (!token.Is("("))
            {
                Backup(token);
                if (padding != null) Push(new List<PpToken> { padding }, null);
                ParsingArgs = 0;
                PreventExpansion--;
                return false;
            }
            ParsingArgs = 2;
            args = CollectArgs(macro, at);
            ParsingArgs = 0;
            PreventExpansion--;
            if (args == null) return false;
        }

        List<PpToken> expansion = macro.IsFunctionLike && macro.Parameters.Count > 0 ? Replace(macro, args!) : macro.Body;
        _budget -= expansion.Count;
        if (_budget < 0)
        {
            _diagnostics.Report(PreprocessorDiagnostics.MacroRecursion, ExpansionPoint ?? name,
                $"expansion of macro \"{ExpansionPoint?.Text ?? name.Text}\" produces more than {MaxTokensPerExpansion} tokens");
            _runaway = true;
            return false;
        }
        Push(expansion, macro);
        return true;
    }

    private List<MacroArgument>? CollectArgs(MacroDefinition macro, PpToken at)
    {
        var args = new List<MacroArgument>();
        int paramCount = macro.Parameters.Count;
        PpToken token;
        do
        {
            var arg = new MacroArgument();
            args.Add(arg);
            int depth = 0;
            while (true)
            {
                token = Next();
                if (token.Kind == PpTokenKind.Padding)
                {
                    if (arg.Raw.Count == 0) continue;
                }
                else if (token.Is("(")) depth++;
                else if (token.Is(")"))
                {
                    if (depth-- == 0) break;
                }
                else if (token.Is(","))
                {
                    if (depth == 0 && !(macro.IsVariadic && args.Count == paramCount)) break;
                }
                else if (token.Kind == PpTokenKind.EndOfInput || (token.Is("#") && token.AtLineStart && token.File != null && _contexts.Count == 0))
                {
                    break;
                }
                arg.Raw.Add(token);
            }
            while (arg.Raw.Count > 0 && arg.Raw[arg.Raw.Count - 1].Kind == PpTokenKind.Padding) arg.Raw.RemoveAt(arg.Raw.Count - 1);
        }
        while (!token.Is(")") && token.Kind != PpTokenKind.EndOfInput);

        if (token.Kind == PpTokenKind.EndOfInput)
        {
            if (_contexts.Count > 0 || InDirective) Backup(token);
            _diagnostics.Report(PreprocessorDiagnostics.MacroArguments, at, $"unterminated argument list invoking macro \"{macro.Name}\"");
            return null;
        }

        int argc = args.Count;
        if (argc == 1 && paramCount == 0 && args[0].Raw.Count == 0) argc = 0;
        if (argc == paramCount) return args;
        if (argc < paramCount)
        {
            if (argc + 1 == paramCount && macro.IsVariadic)
            {
                args.Add(new MacroArgument());
                return args;
            }
            _diagnostics.Report(PreprocessorDiagnostics.MacroArguments, at,
                $"macro \"{macro.Name}\" requires {paramCount} arguments, but only {argc} given");
        }
        else
        {
            _diagnostics.Report(PreprocessorDiagnostics.MacroArguments, at,
                $"macro \"{macro.Name}\" passed {argc} arguments, but takes just {paramCount}");
        }
        return null;
    }

    private List<PpToken> Replace(MacroDefinition macro, List<MacroArgument> args)
    {
        var body = VaOptFiltered(macro, args);
        var dest = new List<PpToken>(body.Count * 2);
        for (int i = 0; i < body.Count; i++)
        {
            var src = body[i];
            if (src.Kind != PpTokenKind.MacroArg)
            {
                dest.Add(src);
                continue;
            }

            var arg = args[src.ArgIndex];
            bool rhsOfPaste = i > 0 && body[i - 1].PasteLeft;
            List<PpToken> from;
            if (src.Stringify)
            {
                arg.Stringified ??= Stringify(arg.Raw, src);
                from = new List<PpToken> { arg.Stringified };
            }
            else if (src.PasteLeft || rhsOfPaste)
            {
                from = arg.Raw;
            }
            else
            {
                arg.Expanded ??= ExpandArgument(arg.Raw);
                from = arg.Expanded;
            }

            if (!InDirective && i > 0 && !rhsOfPaste) dest.Add(Padding(src));

            if (from.Count > 0)
            {
                if (rhsOfPaste && IsGnuCommaPaste(macro, src, dest))
                    dest[dest.Count - 1] = WithPasteLeft(dest[dest.Count - 1], false);
                dest.AddRange(from);
                if (src.PasteLeft) dest[dest.Count - 1] = WithPasteLeft(dest[dest.Count - 1], true);
            }
            else if (rhsOfPaste && dest.Count > 0 && dest[dest.Count - 1].PasteLeft)
            {
                // An empty argument after ## is a placemarker: the left operand is emitted unpasted, unless it must
                // paste with what follows this argument.
                if (IsGnuCommaPaste(macro, src, dest)) dest.RemoveAt(dest.Count - 1);
                else dest[dest.Count - 1] = WithPasteLeft(dest[dest.Count - 1], src.PasteLeft);
            }

            if (!InDirective && !src.PasteLeft) dest.Add(AvoidPaste);
        }
        return dest;
    }

    private static bool IsGnuCommaPaste(MacroDefinition macro, PpToken src, List<PpToken> dest) =>
        macro.IsVariadic && src.ArgIndex == macro.Parameters.Count - 1 && dest.Count > 0 && dest[dest.Count - 1].Is(",") && dest[dest.Count - 1].PasteLeft;

    private static PpToken WithPasteLeft(PpToken token, bool pasteLeft)
    {
        if (token.PasteLeft == pasteLeft) return token;
        var copy = token.Clone();
        copy.PasteLeft = pasteLeft;
        return copy;
    }

    /// <summary>The body with each <c>__VA_OPT__(...)</c> replaced by its contents or by nothing.</summary>
    private List<PpToken> VaOptFiltered(MacroDefinition macro, List<MacroArgument> args)
    {
        if (!macro.IsVariadic) return macro.Body;
        bool any = false;
        foreach (var t in macro.Body)
            if (t.Kind == PpTokenKind.Identifier && t.Text == "__VA_OPT__") { any = true; break; }
        if (!any) return macro.Body;

        // As in cpp 12, __VA_OPT__ looks at the variable arguments after expansion: "F(1, EMPTY)" has none.
        var rest = args[args.Count - 1];
        rest.Expanded ??= ExpandArgument(rest.Raw);
        bool present = false;
        foreach (var t in rest.Expanded)
            if (t.Kind != PpTokenKind.Padding) { present = true; break; }
        var result = new List<PpToken>(macro.Body.Count);
        var body = macro.Body;
        for (int i = 0; i < body.Count; i++)
        {
            var t = body[i];
            if (t.Kind == PpTokenKind.Identifier && t.Text == "__VA_OPT__" && i + 1 < body.Count && body[i + 1].Is("("))
            {
                int depth = 0;
                int j = i + 1;
                for (; j < body.Count; j++)
                {
                    if (body[j].Is("(")) depth++;
                    else if (body[j].Is(")") && --depth == 0) break;
                }
                if (present)
                    for (int k = i + 2; k < j && k < body.Count; k++) result.Add(body[k]);
                i = j;
                continue;
            }
            result.Add(t);
        }
        return result;
    }

    private List<PpToken> ExpandArgument(List<PpToken> raw)
    {
        var tokens = new List<PpToken>(raw.Count + 1);
        tokens.AddRange(raw);
        var end = new PpToken(PpTokenKind.EndOfInput, "");
        tokens.Add(end);
        int depth = _contexts.Count;
        Push(tokens, null);
        var result = new List<PpToken>();
        while (true)
        {
            var t = Next();
            if (t.Kind == PpTokenKind.EndOfInput) break;
            result.Add(t);
            if (--_budget < 0 || _runaway)
            {
                if (!_runaway)
                    _diagnostics.Report(PreprocessorDiagnostics.MacroRecursion, ExpansionPoint,
                        $"expansion of macro \"{ExpansionPoint?.Text}\" produces more than {MaxTokensPerExpansion} tokens");
                _runaway = true;
                break;
            }
        }
        while (_contexts.Count > depth) Pop();
        return result;
    }

    private PpToken Stringify(List<PpToken> raw, PpToken param)
    {
        var sb = new StringBuilder("\"");
        PpToken? source = null;
        int backslashes = 0;
        foreach (var token in raw)
        {
            if (token.Kind == PpTokenKind.Padding)
            {
                if (source == null || (!source.PrevWhite && token.Source == null)) source = token.Source;
                continue;
            }
            if (sb.Length > 1)
            {
                source ??= token;
                if (source.PrevWhite) sb.Append(' ');
            }
            source = null;
            if (token.Kind == PpTokenKind.StringLiteral || token.Kind == PpTokenKind.CharLiteral)
            {
                foreach (char c in token.Text)
                {
                    if (c == '"' || c == '\\') sb.Append('\\');
                    sb.Append(c);
                }
            }
            else
            {
                sb.Append(token.Text);
            }
            backslashes = token.Kind == PpTokenKind.Other && token.Text == "\\" ? backslashes + 1 : 0;
        }
        if ((backslashes & 1) == 1)
        {
            _diagnostics.Report(PreprocessorDiagnostics.Suspicious, ExpansionPoint ?? param, "invalid string literal, ignoring final '\\'");
            sb.Length--;
        }
        sb.Append('"');
        return new PpToken(PpTokenKind.StringLiteral, sb.ToString())
        {
            PrevWhite = param.PrevWhite, File = param.File, Line = param.Line, Column = param.Column,
        };
    }

    private void PasteAll(Context ctx, PpToken lhs)
    {
        PpToken rhs;
        do
        {
            if (ctx.Pos >= ctx.Tokens.Count) break;
            rhs = ctx.Tokens[ctx.Pos++];
            if (rhs.Kind == PpTokenKind.Padding) continue;
            var pasted = Paste(lhs, rhs);
            if (pasted == null)
            {
                // cpp in assembler mode silently keeps both tokens when they do not paste into one.
                ctx.Pos--;
                break;
            }
            lhs = pasted;
        }
        while (rhs.PasteLeft);
        if (lhs.PasteLeft) lhs = WithPasteLeft(lhs, false);
        Push(new List<PpToken> { lhs }, null);
    }

    private static PpToken? Paste(PpToken lhs, PpToken rhs)
    {
        string spelling = lhs.Text + (lhs.Is("/") && !rhs.Is("=") ? " " : "") + rhs.Text;
        var token = PpLexer.LexSingle(spelling);
        if (token == null) return null;
        token.PrevWhite = lhs.PrevWhite;
        token.File = lhs.File;
        token.Line = lhs.Line;
        token.Column = lhs.Column;
        return token;
    }
}
