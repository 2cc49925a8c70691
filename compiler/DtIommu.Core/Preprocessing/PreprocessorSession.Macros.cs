using System.Collections.Generic;
using DtIommu.Text;

namespace DtIommu.Preprocessing;

internal sealed partial class PreprocessorSession
{
    private static readonly (string Name, BuiltinMacroKind Kind)[] Builtins =
    {
        ("__FILE__", BuiltinMacroKind.File), ("__LINE__", BuiltinMacroKind.Line), ("__BASE_FILE__", BuiltinMacroKind.BaseFile),
        ("__INCLUDE_LEVEL__", BuiltinMacroKind.IncludeLevel), ("__COUNTER__", BuiltinMacroKind.Counter),
        ("__DATE__", BuiltinMacroKind.Date), ("__TIME__", BuiltinMacroKind.Time),
    };

    /// <summary>
    /// What <c>cpp -nostdinc -undef -x assembler-with-cpp -dM</c> defines (only the standard and assembler macros,
    /// no compiler or OS ones), plus <c>__DTS__</c> and the command-line -D/-U in order.
    /// </summary>
    private void Predefine()
    {
        foreach (var (name, kind) in Builtins)
            _macros.Define(new MacroDefinition(name, false, new List<string>(), false, new List<PpToken>(), null, kind));
        DefineText("__STDC__ 1");
        DefineText("__STDC_HOSTED__ 1");
        DefineText("__ASSEMBLER__ 1");
        if (_options.DefineDts) DefineText("__DTS__ 1");
        foreach (var op in _options.MacroOperations)
        {
            if (op.Kind == MacroOperationKind.Define)
            {
                int eq = op.Argument.IndexOf('=');
                DefineText(eq < 0 ? op.Argument + " 1" : op.Argument.Substring(0, eq) + " " + op.Argument.Substring(eq + 1));
            }
            else
            {
                var tokens = PpLexer.LexText(op.Argument);
                if (tokens.Count == 0 || tokens[0].Kind != PpTokenKind.Identifier)
                    Report(PreprocessorDiagnostics.InvalidDirective, tokens.Count > 0 ? tokens[0] : null, "macro names must be identifiers");
                else
                {
                    _macros.Undefine(tokens[0].Text);
                    _macroStamp++;
                }
            }
        }
    }

    private void DefineText(string text) => DefineMacro(PpLexer.LexText(text), 0, null);

    private void DefineMacro(List<PpToken> t, int i, PpToken? directive)
    {
        if (i >= t.Count)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, directive, "no macro name given in #define directive");
            return;
        }
        var nameTok = t[i];
        if (!CheckMacroName(nameTok)) return;
        i++;

        bool functionLike = false;
        bool variadic = false;
        var parameters = new List<string>();
        if (i < t.Count && t[i].Is("(") && !t[i].PrevWhite)
        {
            functionLike = true;
            i++;
            if (!ParseParameters(t, ref i, parameters, ref variadic, directive ?? nameTok)) return;
        }
        else if (i < t.Count && !t[i].PrevWhite)
        {
            Report(PreprocessorDiagnostics.Suspicious, t[i], "missing whitespace after the macro name");
        }

        var body = new List<PpToken>();
        for (; i < t.Count; i++)
        {
            var tok = t[i].Clone();
            tok.AtLineStart = false;
            int index = functionLike && tok.Kind == PpTokenKind.Identifier ? parameters.IndexOf(tok.Text) : -1;
            if (index >= 0)
            {
                tok = new PpToken(PpTokenKind.MacroArg, tok.Text)
                {
                    ArgIndex = index, PrevWhite = tok.PrevWhite, File = tok.File, Line = tok.Line, Column = tok.Column,
                };
            }
            if (tok.Is("##"))
            {
                if (body.Count == 0 || i == t.Count - 1)
                {
                    Report(PreprocessorDiagnostics.InvalidDirective, t[i], "'##' cannot appear at either end of a macro expansion");
                    return;
                }
                body[body.Count - 1].PasteLeft = true;
                continue;
            }
            // In assembler mode a '#' that is not followed by a parameter stays a plain token.
            if (functionLike && tok.Kind == PpTokenKind.MacroArg && body.Count > 0 && body[body.Count - 1].Is("#") && !body[body.Count - 1].PasteLeft)
            {
                var hash = body[body.Count - 1];
                body.RemoveAt(body.Count - 1);
                tok.Stringify = true;
                tok.PrevWhite = hash.PrevWhite;
            }
            body.Add(tok);
        }
        if (body.Count > 0) body[0].PrevWhite = false;

        var location = nameTok.File != null || _files.Count == 0 ? SpanOf(nameTok) : (SourceSpan?)null;
        var macro = new MacroDefinition(nameTok.Text, functionLike, parameters, variadic, body, location);
        var existing = _macros.Lookup(nameTok.Text);
        if (existing != null && !existing.SameAs(macro))
        {
            var related = existing.Location is { } loc ? new[] { loc } : NoSpans;
            Report(PreprocessorDiagnostics.MacroRedefined, nameTok, $"\"{nameTok.Text}\" redefined", related);
        }
        _macros.Define(macro);
        _macroStamp++;
    }

    private bool ParseParameters(List<PpToken> t, ref int i, List<string> parameters, ref bool variadic, PpToken at)
    {
        if (i < t.Count && t[i].Is(")"))
        {
            i++;
            return true;
        }
        while (true)
        {
            if (i >= t.Count)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, at, "expected parameter name before end of line");
                return false;
            }
            var p = t[i];
            if (p.Is("..."))
            {
                variadic = true;
                parameters.Add("__VA_ARGS__");
                i++;
                return ExpectCloseAfterEllipsis(t, ref i, p);
            }
            if (p.Kind != PpTokenKind.Identifier)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, p, $"expected parameter name, found \"{p.Text}\"");
                return false;
            }
            if (parameters.Contains(p.Text))
            {
                Report(PreprocessorDiagnostics.InvalidDirective, p, $"duplicate macro parameter \"{p.Text}\"");
                return false;
            }
            parameters.Add(p.Text);
            i++;
            if (i < t.Count && t[i].Is("..."))
            {
                variadic = true;
                i++;
                return ExpectCloseAfterEllipsis(t, ref i, t[i - 1]);
            }
            if (i >= t.Count)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, p, "expected ')' before end of line");
                return false;
            }
            if (t[i].Is(")"))
            {
                i++;
                return true;
            }
            if (!t[i].Is(","))
            {
                Report(PreprocessorDiagnostics.InvalidDirective, t[i], $"expected ',' or ')', found \"{t[i].Text}\"");
                return false;
            }
            i++;
        }
    }

    private bool ExpectCloseAfterEllipsis(List<PpToken> t, ref int i, PpToken ellipsis)
    {
        if (i < t.Count && t[i].Is(")"))
        {
            i++;
            return true;
        }
        Report(PreprocessorDiagnostics.InvalidDirective, i < t.Count ? t[i] : ellipsis, "expected ')' after \"...\"");
        return false;
    }

    private bool CheckMacroName(PpToken name)
    {
        if (name.Kind != PpTokenKind.Identifier)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, name, "macro names must be identifiers");
            return false;
        }
        if (name.Text == "defined" || name.Text == "__has_include" || name.Text == "__has_include_next")
        {
            Report(PreprocessorDiagnostics.InvalidDirective, name, $"\"{name.Text}\" cannot be used as a macro name");
            return false;
        }
        return true;
    }
}
