using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DtIommu.Text;

namespace DtIommu.Preprocessing;

internal sealed partial class PreprocessorSession
{
    private static readonly HashSet<string> DirectiveNames = new(StringComparer.Ordinal)
    {
        "define", "include", "endif", "ifdef", "if", "else", "ifndef", "undef", "line", "elif", "elifdef", "elifndef",
        "error", "pragma", "warning", "include_next", "ident", "import", "assert", "unassert", "sccs",
    };

    private static readonly HashSet<string> ConditionalNames = new(StringComparer.Ordinal)
    {
        "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif",
    };

    /// <summary>
    /// Whether a line starting with '#' is consumed as a directive. In assembler-with-cpp mode a '#' followed by
    /// something that is not a directive name (<c>#address-cells</c>, <c># 5 "x"</c>) is ordinary text, except in
    /// skipped groups where every such line is dropped.
    /// </summary>
    private static bool IsDirective(LogicalLine line, bool skipping)
    {
        var t = line.Tokens;
        if (t.Count == 1) return true;
        if (t[1].Kind == PpTokenKind.Identifier && DirectiveNames.Contains(t[1].Text)) return true;
        return skipping;
    }

    private void ProcessDirective(FileState fs, LogicalLine line, bool skipping)
    {
        var t = line.Tokens;
        if (t.Count == 1) return;
        var nameTok = t[1];
        if (nameTok.Kind != PpTokenKind.Identifier || !DirectiveNames.Contains(nameTok.Text)) return;
        string name = nameTok.Text;
        if (skipping && !ConditionalNames.Contains(name)) return;

        if (fs.GuardState == 2) fs.GuardState = -1;
        else if (fs.GuardState == 0 && name != "ifndef" && name != "if") fs.GuardState = -1;

        var saved = _directive;
        _directive = nameTok;
        try
        {
            switch (name)
            {
                case "define": DefineMacro(t, 2, nameTok); break;
                case "undef": Undef(t, nameTok); break;
                case "include": Include(fs, line, nameTok, false, false); break;
                case "include_next": Include(fs, line, nameTok, true, false); break;
                case "import": Include(fs, line, nameTok, false, true); break;
                case "ifdef":
                case "ifndef": IfDef(fs, t, nameTok, skipping); break;
                case "if": If(fs, line, nameTok, skipping); break;
                case "elif":
                case "elifdef":
                case "elifndef": Elif(fs, line, nameTok); break;
                case "else": Else(fs, t, nameTok); break;
                case "endif": EndIf(fs, t, nameTok); break;
                case "line": LineDirective(fs, line, nameTok); break;
                case "error": Report(PreprocessorDiagnostics.ErrorDirective, nameTok, "#error " + Spell(t, 2)); break;
                case "warning": Report(PreprocessorDiagnostics.WarningDirective, nameTok, "#warning " + Spell(t, 2)); break;
                case "pragma": Pragma(fs, t, nameTok); break;
                default: break; // cpp -x assembler-with-cpp drops #ident, #sccs, #assert and #unassert from its output.
            }
        }
        finally
        {
            _directive = saved;
        }
    }

    private static string Spell(List<PpToken> t, int start)
    {
        var sb = new StringBuilder();
        for (int i = start; i < t.Count; i++)
        {
            if (sb.Length > 0 && t[i].PrevWhite) sb.Append(' ');
            sb.Append(t[i].Text);
        }
        return sb.ToString();
    }

    private void ExtraTokens(List<PpToken> t, int index, PpToken nameTok)
    {
        if (index < t.Count)
            Report(PreprocessorDiagnostics.ExtraTokens, t[index], $"extra tokens at end of #{nameTok.Text} directive");
    }

    private void Undef(List<PpToken> t, PpToken nameTok)
    {
        if (t.Count < 3)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, nameTok, "no macro name given in #undef directive");
            return;
        }
        if (!CheckMacroName(t[2])) return;
        ExtraTokens(t, 3, nameTok);
        _macros.Undefine(t[2].Text);
        _macroStamp++;
    }

    private List<PpToken> ExpandRest(LogicalLine line, int start)
    {
        var state = _expander.BeginDirective(new ListTokenSource(line.Tokens, start, _end));
        var result = new List<PpToken>();
        try
        {
            while (true)
            {
                var tok = _expander.Next();
                if (tok.Kind == PpTokenKind.EndOfInput) break;
                if (tok.Kind != PpTokenKind.Padding) result.Add(tok);
            }
        }
        finally
        {
            _expander.EndDirective(state);
        }
        return result;
    }

    private bool Evaluate(LogicalLine line, PpToken nameTok)
    {
        var state = _expander.BeginDirective(new ListTokenSource(line.Tokens, 2, EndOf(line)));
        try
        {
            return _evaluator.Evaluate(nameTok);
        }
        finally
        {
            _expander.EndDirective(state);
        }
    }

    /// <summary>An end-of-line token placed just after the line's last token, where cpp reports "no operand" errors.</summary>
    private static PpToken EndOf(LogicalLine line)
    {
        var file = line.Tokens[0].File!;
        return new PpToken(PpTokenKind.EndOfInput, "")
        {
            File = file, Line = line.LastLine, Column = file.LineLength(line.LastLine) + 1,
        };
    }

    private void Include(FileState fs, LogicalLine line, PpToken nameTok, bool next, bool import)
    {
        var t = line.Tokens;
        string? header = null;
        bool angled = false;
        int extra = t.Count;
        PpToken? extraTok = null;
        if (t.Count > 2 && t[2].Kind == PpTokenKind.StringLiteral && t[2].Text[0] == '"')
        {
            header = t[2].Text.Substring(1, t[2].Text.Length - 2);
            extra = 3;
        }
        else if (t.Count > 2 && t[2].Is("<"))
        {
            int j = 3;
            while (j < t.Count && !t[j].Is(">")) j++;
            if (j >= t.Count)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, t[2], "missing terminating > character");
                return;
            }
            header = line.Text.Substring(t[2].EndOffset, t[j].Offset - t[2].EndOffset);
            angled = true;
            extra = j + 1;
        }
        else if (t.Count > 2)
        {
            // cpp macro-expands anything else and accepts a string or <...> as the result.
            var x = ExpandRest(line, 2);
            if (x.Count > 0 && x[0].Kind == PpTokenKind.StringLiteral && x[0].Text[0] == '"')
            {
                header = x[0].Text.Substring(1, x[0].Text.Length - 2);
                if (x.Count > 1) extraTok = x[1];
            }
            else if (x.Count > 0 && x[0].Is("<"))
            {
                var sb = new StringBuilder();
                int j = 1;
                for (; j < x.Count && !x[j].Is(">"); j++)
                {
                    if (sb.Length > 0 && x[j].PrevWhite) sb.Append(' ');
                    sb.Append(x[j].Text);
                }
                if (j >= x.Count)
                {
                    Report(PreprocessorDiagnostics.InvalidDirective, t[2], "missing terminating > character");
                    return;
                }
                header = sb.ToString();
                angled = true;
                if (j + 1 < x.Count) extraTok = x[j + 1];
            }
            else
            {
                Report(PreprocessorDiagnostics.InvalidDirective, x.Count > 0 && x[0].File == fs.File ? x[0] : t[2],
                    $"#{nameTok.Text} expects \"FILENAME\" or <FILENAME>");
                return;
            }
        }
        if (header == null)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, nameTok, $"#{nameTok.Text} expects \"FILENAME\" or <FILENAME>");
            return;
        }
        if (header.Length == 0)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, nameTok, $"empty filename in #{nameTok.Text}");
            return;
        }
        if (extraTok != null) Report(PreprocessorDiagnostics.ExtraTokens, extraTok, $"extra tokens at end of #{nameTok.Text} directive");
        else ExtraTokens(t, extra, nameTok);

        if (_files.Count >= _options.MaxIncludeDepth)
        {
            Report(PreprocessorDiagnostics.IncludeDepth, nameTok,
                $"#include nested depth {_files.Count} exceeds maximum of {_options.MaxIncludeDepth}");
            return;
        }

        int first = next && fs.DirIndex >= 0 ? fs.DirIndex + 1 : 0;
        var found = _resolver.Resolve(header, angled, fs.File.Path, first);
        if (found == null)
        {
            Report(PreprocessorDiagnostics.MissingInclude, t.Count > 2 ? t[2] : nameTok, $"{header}: No such file or directory");
            _fatal = true;
            return;
        }
        if (_onceOnly.Contains(found.Path)) return;
        // cpp remembers include guards per lookup (name as written, where the search started), not per path:
        // "x.h" from one directory and <dir/x.h> are different entries even when they find the same file.
        string start = next ? "next:" + first : angled ? "<>" : "dir:" + IncludeResolver.DirectoryOf(fs.File.Path);
        var keys = new List<string> { start + "\n" + header };
        if (!angled && !next && found.DirIndex >= 0) keys.Add("<>\n" + header);
        // A quoted search that leaves the includer's directory consults the entries of the <...> lookups too.
        foreach (var key in keys)
        {
            if (!_guards.TryGetValue(key, out var guard)) continue;
            if (_macros.IsDefined(guard)) return;
            break;
        }

        for (int i = 0; i < _files.Count; i++)
        {
            if (_files[i].File.Path != found.Path || _files[i].MacroStamp != _macroStamp) continue;
            var chain = new StringBuilder();
            var related = new List<SourceSpan>();
            for (int k = i; k < _files.Count; k++)
            {
                chain.Append(_files[k].File.Path).Append(" -> ");
                if (k > i && _files[k - 1].Current is { } inc && inc.Tokens.Count > 1) related.Add(SpanOf(inc.Tokens[1]));
            }
            chain.Append(found.Path);
            Report(PreprocessorDiagnostics.IncludeCycle, nameTok, $"#include cycle: {chain}", related);
            return;
        }

        if (import) _onceOnly.Add(found.Path);
        PushFile(new SourceFile(found.Path, found.Text), found.DirIndex, nameTok);
        Top!.GuardKeys = keys;
    }

    private void IfDef(FileState fs, List<PpToken> t, PpToken nameTok, bool skipping)
    {
        bool condition = false;
        bool valid = false;
        if (!skipping)
        {
            if (t.Count < 3)
                Report(PreprocessorDiagnostics.InvalidDirective, nameTok, $"no macro name given in #{nameTok.Text} directive");
            else if (t[2].Kind != PpTokenKind.Identifier)
                Report(PreprocessorDiagnostics.InvalidDirective, t[2], "macro names must be identifiers");
            else
            {
                valid = true;
                condition = _macros.IsDefined(t[2].Text) == (nameTok.Text == "ifdef");
                ExtraTokens(t, 3, nameTok);
            }
        }
        _conditionals.Push(nameTok, condition, fs.Depth);
        if (fs.GuardState == 0)
        {
            if (nameTok.Text == "ifndef" && valid && t.Count == 3) StartGuard(fs, t[2].Text);
            else fs.GuardState = -1;
        }
    }

    private void If(FileState fs, LogicalLine line, PpToken nameTok, bool skipping)
    {
        bool condition = !skipping && Evaluate(line, nameTok);
        _conditionals.Push(nameTok, condition, fs.Depth);
        if (fs.GuardState == 0)
        {
            // "#if !defined NAME" and "#if !defined(NAME)" guard a file as well as "#ifndef NAME" does.
            var t = line.Tokens;
            bool paren = t.Count == 7 && t[4].Is("(") && t[6].Is(")");
            int nameAt = paren ? 5 : 4;
            if ((t.Count == 5 || paren) && t[2].Is("!") && t[3].Text == "defined" && t[nameAt].Kind == PpTokenKind.Identifier)
                StartGuard(fs, t[nameAt].Text);
            else fs.GuardState = -1;
        }
    }

    private void StartGuard(FileState fs, string macro)
    {
        fs.GuardState = 1;
        fs.GuardMacro = macro;
        fs.GuardDepth = _conditionals.Count;
    }

    private ConditionalStack.Entry? OpenGroup(FileState fs, PpToken nameTok)
    {
        var top = _conditionals.Top;
        if (top == null || top.FileDepth != fs.Depth)
        {
            Report(PreprocessorDiagnostics.UnbalancedConditional, nameTok, $"#{nameTok.Text} without #if");
            return null;
        }
        if (fs.GuardState == 1 && _conditionals.Count == fs.GuardDepth && nameTok.Text != "endif") fs.GuardState = -1;
        return top;
    }

    private void Elif(FileState fs, LogicalLine line, PpToken nameTok)
    {
        var top = OpenGroup(fs, nameTok);
        if (top == null) return;
        if (top.SawElse) Report(PreprocessorDiagnostics.UnbalancedConditional, nameTok, $"#{nameTok.Text} after #else");
        var t = line.Tokens;
        _conditionals.Elif(() =>
        {
            if (nameTok.Text == "elif") return Evaluate(line, nameTok);
            if (t.Count < 3)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, nameTok, $"no macro name given in #{nameTok.Text} directive");
                return false;
            }
            if (t[2].Kind != PpTokenKind.Identifier)
            {
                Report(PreprocessorDiagnostics.InvalidDirective, t[2], "macro names must be identifiers");
                return false;
            }
            ExtraTokens(t, 3, nameTok);
            return _macros.IsDefined(t[2].Text) == (nameTok.Text == "elifdef");
        });
    }

    private void Else(FileState fs, List<PpToken> t, PpToken nameTok)
    {
        var top = OpenGroup(fs, nameTok);
        if (top == null) return;
        if (top.SawElse) Report(PreprocessorDiagnostics.UnbalancedConditional, nameTok, "#else after #else");
        if (!top.WasSkipping) ExtraTokens(t, 2, nameTok);
        _conditionals.Else();
    }

    private void EndIf(FileState fs, List<PpToken> t, PpToken nameTok)
    {
        var top = OpenGroup(fs, nameTok);
        if (top == null) return;
        if (!top.WasSkipping) ExtraTokens(t, 2, nameTok);
        _conditionals.Pop();
        if (fs.GuardState == 1 && _conditionals.Count == fs.GuardDepth - 1) fs.GuardState = 2;
    }

    private void LineDirective(FileState fs, LogicalLine line, PpToken nameTok)
    {
        var x = ExpandRest(line, 2);
        if (x.Count == 0)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, nameTok, "unexpected end of file after #line");
            return;
        }
        bool digits = x[0].Kind == PpTokenKind.Number;
        foreach (char c in x[0].Text) digits &= c >= '0' && c <= '9';
        if (!digits || !long.TryParse(x[0].Text, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number > int.MaxValue)
        {
            Report(PreprocessorDiagnostics.InvalidDirective, x[0].File == fs.File ? x[0] : nameTok,
                digits ? "line number out of range" : $"\"{x[0].Text}\" after #line is not a positive integer");
            return;
        }
        string file = fs.PresumedName;
        if (x.Count > 1)
        {
            if (x[1].Kind != PpTokenKind.StringLiteral || x[1].Text[0] != '"')
            {
                Report(PreprocessorDiagnostics.InvalidDirective, x[1].File == fs.File ? x[1] : nameTok, $"invalid filename \"{x[1].Text}\"");
                return;
            }
            file = Unescape(x[1].Text.Substring(1, x[1].Text.Length - 2));
            if (x.Count > 2) Report(PreprocessorDiagnostics.ExtraTokens, x[2], "extra tokens at end of #line directive");
        }
        fs.LineDelta = (int)number - (line.LastLine + 1);
        fs.PresumedName = file;
        _writer.Rename((int)number, file);
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length) i++;
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private void Pragma(FileState fs, List<PpToken> t, PpToken nameTok)
    {
        if (t.Count >= 3 && t[2].Text == "once")
        {
            if (_files.Count == 1) Report(PreprocessorDiagnostics.Suspicious, t[2], "#pragma once in main file");
            _onceOnly.Add(fs.File.Path);
            ExtraTokens(t, 3, nameTok);
        }
        // Other pragmas are consumed without output, as cpp does in assembler-with-cpp mode.
    }
}
