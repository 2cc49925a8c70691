using System;
using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Text;

namespace DtIommu.Iommu.Bindings;

/// <summary>
/// Parses binding files: <see cref="BindingSyntax"/> (Sprache) reads statements, this class gives them meaning and
/// reports every problem at its <c>file:line:col</c>. A binding with errors is dropped; the others are kept.
/// </summary>
public static class BindingParser
{
    /// <summary>Parses <paramref name="text"/> read from <paramref name="path"/>, reporting problems into <paramref name="diagnostics"/>.</summary>
    public static BindingFile Parse(string text, string path, DiagnosticBag diagnostics)
    {
        var statements = BindingSyntax.ParseFile(text, out var line, out var column, out var error);
        if (statements == null)
        {
            diagnostics.Report(BindingDiagnostics.Syntax, error ?? "syntax error", SourceSpan.At(path, line, column));
            return new BindingFile(path, []);
        }
        var ctx = new Context(path, diagnostics);
        var bindings = new List<BindingDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in statements)
        {
            if (s.Keyword.Text != "binding")
            {
                ctx.Error(BindingDiagnostics.UnknownStatement, s.Keyword, $"unknown top-level statement '{s.Keyword.Text}'; expected 'binding'");
                continue;
            }
            var b = ParseBinding(s, ctx);
            if (b == null) continue;
            if (!names.Add(b.Name))
            {
                ctx.Error(BindingDiagnostics.Duplicate, s.Terms[0], $"binding '{b.Name}' is declared twice in this file");
                continue;
            }
            bindings.Add(b);
        }
        return new BindingFile(path, bindings);
    }

    private sealed class Context
    {
        public Context(string path, DiagnosticBag bag)
        {
            Path = path;
            Bag = bag;
        }

        public string Path { get; }
        public DiagnosticBag Bag { get; }
        public int Errors { get; private set; }

        public SourceSpan Span(SyntaxTerm t)
        {
            var len = t.Kind == TermKind.String ? t.Text.Length + 2 : Math.Max(1, t.Text.TrimStart('!').Length);
            return new SourceSpan(Path, t.Line, t.Column, t.Line, t.Column + len);
        }

        public void Error(DiagnosticDescriptor d, SyntaxTerm at, string message)
        {
            Errors++;
            Bag.Report(d, message, Span(at));
        }
    }

    private static BindingDefinition? ParseBinding(SyntaxStatement s, Context ctx)
    {
        var errorsBefore = ctx.Errors;
        if (s.Terms.Count != 1 || s.Terms[0].Kind != TermKind.Word)
        {
            ctx.Error(BindingDiagnostics.BadValue, s.Terms.Count > 0 ? s.Terms[0] : s.Keyword, "expected 'binding NAME { ... }'");
            return null;
        }
        if (s.Block == null)
        {
            ctx.Error(BindingDiagnostics.BadValue, s.Terms[0], $"binding '{s.Terms[0].Text}' needs a braced body");
            return null;
        }
        var name = s.Terms[0].Text;
        string? title = null, driver = null;
        var attach = AttachKind.Iommus;
        var matchers = new List<BindingMatcher>();
        var specifiers = new List<SpecifierLayout>();
        var noSpecifier = false;
        var quirks = new List<string>();
        SimulatorSpec? simulator = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var st in s.Block)
        {
            var kw = st.Keyword.Text;
            var once = kw is "title" or "driver" or "attach" or "simulator";
            if (once && !seen.Add(kw))
            {
                ctx.Error(BindingDiagnostics.Duplicate, st.Keyword, $"'{kw}' appears twice in binding '{name}'");
                continue;
            }
            switch (kw)
            {
                case "title":
                    title = SingleText(st, ctx, allowWord: false);
                    break;
                case "driver":
                    driver = SingleText(st, ctx, allowWord: true);
                    break;
                case "attach":
                    var a = SingleText(st, ctx, allowWord: true, wordOnly: true);
                    if (a == null) break;
                    if (a == "iommus") attach = AttachKind.Iommus;
                    else if (a == "dma-window") attach = AttachKind.DmaWindow;
                    else if (a == "liodn") attach = AttachKind.Liodn;
                    else ctx.Error(BindingDiagnostics.UnknownName, st.Terms[0], $"unknown attach kind '{a}'; expected iommus, dma-window or liodn");
                    break;
                case "match":
                    ParseMatch(st, ctx, matchers);
                    break;
                case "specifier":
                    ParseSpecifier(st, ctx, specifiers, ref noSpecifier);
                    break;
                case "quirk":
                    foreach (var q in WordList(st, st.Terms, 0, ctx))
                    {
                        if (Array.IndexOf(BindingQuirks.All, q.Text) < 0)
                            ctx.Error(BindingDiagnostics.UnknownName, q, $"unknown quirk '{q.Text}'");
                        else if (!quirks.Contains(q.Text)) quirks.Add(q.Text);
                    }
                    break;
                case "simulator":
                    simulator = ParseSimulator(st, ctx);
                    break;
                default:
                    ctx.Error(BindingDiagnostics.UnknownStatement, st.Keyword,
                        $"unknown statement '{kw}' in binding '{name}'; expected title, driver, attach, match, specifier, quirk or simulator");
                    break;
            }
        }
        // Missing statements are only worth reporting when nothing else went wrong (an unknown keyword is often a typo of one).
        var clean = ctx.Errors == errorsBefore;
        if (clean && matchers.Count == 0)
            ctx.Error(BindingDiagnostics.Missing, s.Terms[0], $"binding '{name}' has no 'match' statement");
        if (clean && specifiers.Count == 0 && !noSpecifier)
            ctx.Error(BindingDiagnostics.Missing, s.Terms[0], $"binding '{name}' has no 'specifier' statement");
        if (specifiers.Count > 0 && noSpecifier)
            ctx.Error(BindingDiagnostics.BadValue, s.Terms[0], $"binding '{name}' mixes 'specifier none' with specifier layouts");
        if (ctx.Errors != errorsBefore) return null;
        return new BindingDefinition(name, title ?? name, driver ?? name, attach, matchers, specifiers, noSpecifier,
            quirks, simulator, ctx.Span(s.Terms[0]));
    }

    private static string? SingleText(SyntaxStatement st, Context ctx, bool allowWord, bool wordOnly = false)
    {
        if (st.Block != null || st.Terms.Count != 1
            || !(wordOnly ? st.Terms[0].Kind == TermKind.Word
                : st.Terms[0].Kind == TermKind.String || allowWord && st.Terms[0].Kind == TermKind.Word))
        {
            var what = wordOnly ? "a word" : allowWord ? "a word or a string" : "a string";
            ctx.Error(BindingDiagnostics.BadValue, st.Terms.Count > 0 ? st.Terms[0] : st.Keyword, $"'{st.Keyword.Text}' takes {what} and ends with ';'");
            return null;
        }
        return st.Terms[0].Text;
    }

    private static List<SyntaxTerm> WordList(SyntaxStatement st, IReadOnlyList<SyntaxTerm> terms, int start, Context ctx, TermKind kind = TermKind.Word)
    {
        var list = new List<SyntaxTerm>();
        if (st.Block != null)
        {
            ctx.Error(BindingDiagnostics.BadValue, st.Keyword, $"'{st.Keyword.Text}' takes no block");
            return list;
        }
        var i = start;
        while (true)
        {
            if (i >= terms.Count || terms[i].Kind != kind)
            {
                var what = kind == TermKind.Word ? "a word" : "a string";
                ctx.Error(BindingDiagnostics.BadValue, i < terms.Count ? terms[i] : st.Keyword, $"'{st.Keyword.Text}' expects {what} here");
                return [];
            }
            list.Add(terms[i++]);
            if (i == terms.Count) return list;
            if (!IsSymbol(terms[i], ","))
            {
                ctx.Error(BindingDiagnostics.BadValue, terms[i], "expected ',' or ';'");
                return [];
            }
            i++;
        }
    }

    private static bool IsSymbol(SyntaxTerm t, string s) => t.Kind == TermKind.Symbol && t.Text == s;

    private static void ParseMatch(SyntaxStatement st, Context ctx, List<BindingMatcher> matchers)
    {
        if (st.Terms.Count < 2 || st.Terms[0].Kind != TermKind.Word)
        {
            ctx.Error(BindingDiagnostics.BadValue, st.Terms.Count > 0 ? st.Terms[0] : st.Keyword,
                "expected 'match compatible \"...\"', 'match property \"...\"' or 'match iommu-cells N'");
            return;
        }
        switch (st.Terms[0].Text)
        {
            case "compatible":
            case "property":
                var kind = st.Terms[0].Text == "compatible" ? MatchKind.Compatible : MatchKind.Property;
                foreach (var t in WordList(st, st.Terms, 1, ctx, TermKind.String))
                {
                    if (t.Text.Length == 0) ctx.Error(BindingDiagnostics.BadValue, t, "empty string");
                    else matchers.Add(new BindingMatcher(kind, t.Text, 0));
                }
                break;
            case "iommu-cells":
                if (st.Terms.Count != 2 || st.Terms[1].Kind != TermKind.Number || st.Terms[1].Number > 16 || st.Block != null)
                    ctx.Error(BindingDiagnostics.BadValue, st.Terms[1], "'match iommu-cells' takes one number 0..16");
                else matchers.Add(new BindingMatcher(MatchKind.IommuCells, "", (int)st.Terms[1].Number));
                break;
            default:
                ctx.Error(BindingDiagnostics.UnknownName, st.Terms[0], $"unknown match kind '{st.Terms[0].Text}'; expected compatible, property or iommu-cells");
                break;
        }
    }

    private static void ParseSpecifier(SyntaxStatement st, Context ctx, List<SpecifierLayout> specifiers, ref bool none)
    {
        if (st.Terms.Count == 1 && st.Terms[0].Kind == TermKind.Word && st.Terms[0].Text == "none" && st.Block == null)
        {
            none = true;
            return;
        }
        if (st.Terms.Count != 1 || st.Terms[0].Kind != TermKind.Number || st.Block == null)
        {
            ctx.Error(BindingDiagnostics.BadValue, st.Terms.Count > 0 ? st.Terms[0] : st.Keyword, "expected 'specifier none;' or 'specifier N { fields }'");
            return;
        }
        var cells = st.Terms[0].Number;
        if (cells > 16)
        {
            ctx.Error(BindingDiagnostics.BadValue, st.Terms[0], "Linux keeps at most 16 specifier cells (MAX_PHANDLE_ARGS)");
            return;
        }
        foreach (var existing in specifiers)
            if (existing.CellCount == (int)cells)
            {
                ctx.Error(BindingDiagnostics.Duplicate, st.Terms[0], $"a layout for {cells} cells is already declared");
                return;
            }
        var fields = new List<SpecifierField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        var errorsBefore = ctx.Errors;
        foreach (var f in st.Block)
        {
            var field = ParseField(f, ctx);
            if (field == null) continue;
            if (!names.Add(field.Name))
            {
                ctx.Error(BindingDiagnostics.Duplicate, f.Keyword, $"field '{field.Name}' is declared twice");
                continue;
            }
            total += field.Cells;
            fields.Add(field);
        }
        if (total != (int)cells && ctx.Errors == errorsBefore)
            ctx.Error(BindingDiagnostics.BadValue, st.Terms[0], $"the fields take {total} cells but the layout is for {cells}");
        specifiers.Add(new SpecifierLayout((int)cells, fields, ctx.Span(st.Terms[0])));
    }

    private static readonly string[] RoleNames = ["id", "mask", "context", "window-base", "window-size", "domain", "opaque"];

    private static SpecifierField? ParseField(SyntaxStatement f, Context ctx)
    {
        var t = f.Terms;
        if (t.Count < 2 || !IsSymbol(t[0], ":") || t[1].Kind != TermKind.Word)
        {
            ctx.Error(BindingDiagnostics.BadValue, t.Count > 0 ? t[0] : f.Keyword, $"expected '{f.Keyword.Text} : ROLE [cells N] [bits N] [= VALUE];'");
            return null;
        }
        var roleIndex = Array.IndexOf(RoleNames, t[1].Text);
        if (roleIndex < 0)
        {
            ctx.Error(BindingDiagnostics.UnknownName, t[1], $"unknown role '{t[1].Text}'; expected {string.Join(", ", RoleNames)}");
            return null;
        }
        var role = (FieldRole)roleIndex;
        int? cells = null, bits = null;
        BindingValue? def = null;
        var i = 2;
        while (i < t.Count)
        {
            if (t[i].Kind == TermKind.Word && (t[i].Text == "cells" || t[i].Text == "bits"))
            {
                if (i + 1 >= t.Count || t[i + 1].Kind != TermKind.Number)
                {
                    ctx.Error(BindingDiagnostics.BadValue, t[i], $"'{t[i].Text}' needs a number");
                    return null;
                }
                var n = t[i + 1].Number;
                if (t[i].Text == "cells")
                {
                    if (n < 1 || n > 4) { ctx.Error(BindingDiagnostics.BadValue, t[i + 1], "a field takes 1 to 4 cells"); return null; }
                    cells = (int)n;
                }
                else
                {
                    if (n < 1 || n > 64) { ctx.Error(BindingDiagnostics.BadValue, t[i + 1], "bits must be 1..64"); return null; }
                    bits = (int)n;
                }
                i += 2;
                continue;
            }
            if (IsSymbol(t[i], "="))
            {
                var pos = i + 1;
                def = ParseValue(t, ref pos, f, ctx);
                if (def == null) return null;
                if (pos != t.Count)
                {
                    ctx.Error(BindingDiagnostics.BadValue, t[pos], "unexpected term after the value");
                    return null;
                }
                i = pos;
                continue;
            }
            ctx.Error(BindingDiagnostics.BadValue, t[i], $"unexpected '{t[i].Text}' in field '{f.Keyword.Text}'");
            return null;
        }
        if (def != null && cells != null)
        {
            ctx.Error(BindingDiagnostics.BadValue, f.Keyword, $"field '{f.Keyword.Text}' is derived ('=') and so takes no cells");
            return null;
        }
        var subs = new List<SpecifierBits>();
        if (f.Block != null)
            foreach (var sub in f.Block)
            {
                var st = sub.Terms;
                if (st.Count == 5 && IsSymbol(st[0], "=") && st[1].Kind == TermKind.Word && st[1].Text == "bits"
                    && st[2].Kind == TermKind.Number && IsSymbol(st[3], "..") && st[4].Kind == TermKind.Number
                    && st[2].Number < 64 && st[2].Number >= st[4].Number && sub.Block == null)
                    subs.Add(new SpecifierBits(sub.Keyword.Text, (int)st[2].Number, (int)st[4].Number));
                else
                    ctx.Error(BindingDiagnostics.BadValue, sub.Keyword, $"expected '{sub.Keyword.Text} = bits HIGH .. LOW;' with 63 >= HIGH >= LOW");
            }
        return new SpecifierField(f.Keyword.Text, role, def != null ? 0 : cells ?? 1, bits, def, subs, ctx.Span(f.Keyword));
    }

    private static readonly string[] MasterModes = ["single", "multi", "fixed"];

    private static SimulatorSpec? ParseSimulator(SyntaxStatement st, Context ctx)
    {
        if (st.Terms.Count != 1 || st.Terms[0].Kind != TermKind.Word || st.Block == null)
        {
            ctx.Error(BindingDiagnostics.BadValue, st.Terms.Count > 0 ? st.Terms[0] : st.Keyword, "expected 'simulator KIND { name = value; ... }'");
            return null;
        }
        var parameters = new List<BindingParameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in st.Block)
        {
            var t = p.Terms;
            if (t.Count < 2 || !IsSymbol(t[0], "=") || p.Block != null)
            {
                ctx.Error(BindingDiagnostics.BadValue, t.Count > 0 ? t[0] : p.Keyword, $"expected '{p.Keyword.Text} = VALUE [, VALUE...];'");
                continue;
            }
            if (!names.Add(p.Keyword.Text))
            {
                ctx.Error(BindingDiagnostics.Duplicate, p.Keyword, $"parameter '{p.Keyword.Text}' is set twice");
                continue;
            }
            var values = new List<BindingValue>();
            var i = 1;
            var ok = true;
            while (true)
            {
                var v = ParseValue(t, ref i, p, ctx);
                if (v == null) { ok = false; break; }
                values.Add(v);
                if (i == t.Count) break;
                if (!IsSymbol(t[i], ","))
                {
                    ctx.Error(BindingDiagnostics.BadValue, t[i], "expected ',' or ';'");
                    ok = false;
                    break;
                }
                i++;
            }
            if (!ok) continue;
            if (CheckParameter(p, values, ctx))
                parameters.Add(new BindingParameter(p.Keyword.Text, values, ctx.Span(p.Keyword)));
        }
        return new SimulatorSpec(st.Terms[0].Text, parameters, ctx.Span(st.Terms[0]));
    }

    private static bool CheckParameter(SyntaxStatement p, List<BindingValue> values, Context ctx)
    {
        var name = p.Keyword.Text;
        bool Fail(string message)
        {
            ctx.Error(BindingDiagnostics.BadParameter, p.Keyword, message);
            return false;
        }
        var single = values.Count == 1 ? values[0] : null;
        switch (name)
        {
            case "aperture":
                if (single is null or NumberValue or BoolValue or WordValue or StringValue)
                    return Fail("'aperture' is one range: 'A .. B', reg[N], window(\"prop\"), width(BITS) or a '??' of those");
                return true;
            case "page-sizes":
                foreach (var v in values)
                    if (v is not NumberValue n || n.Value == 0 || (n.Value & (n.Value - 1)) != 0)
                        return Fail("'page-sizes' is a list of powers of two");
                return true;
            case "id-bits":
                if (single is NumberValue { Value: < 1 or > 64 } || single is null or BoolValue or WordValue or StringValue or RangeValue or WidthValue)
                    return Fail("'id-bits' is one number 1..64");
                return true;
            case "contexts":
            case "smrs":
            case "domains":
            case "streams":
                if (single is null or BoolValue or WordValue or StringValue or RangeValue or WidthValue)
                    return Fail($"'{name}' is one number");
                return true;
            case "masters":
                if (single is not WordValue w || Array.IndexOf(MasterModes, w.Value) < 0)
                    return Fail("'masters' is single, multi or fixed");
                return true;
            default:
                return true;
        }
    }

    // value := alt ('??' alt)* ; alt := primary ('..' primary)?
    private static BindingValue? ParseValue(IReadOnlyList<SyntaxTerm> t, ref int i, SyntaxStatement st, Context ctx)
    {
        var first = ParseRange(t, ref i, st, ctx);
        if (first == null) return null;
        while (i < t.Count && IsSymbol(t[i], "??"))
        {
            i++;
            var next = ParseRange(t, ref i, st, ctx);
            if (next == null) return null;
            first = new FallbackValue(first, next, first.Span);
        }
        return first;
    }

    private static BindingValue? ParseRange(IReadOnlyList<SyntaxTerm> t, ref int i, SyntaxStatement st, Context ctx)
    {
        var start = ParsePrimary(t, ref i, st, ctx);
        if (start == null) return null;
        if (i < t.Count && IsSymbol(t[i], ".."))
        {
            var dots = t[i];
            i++;
            var end = ParsePrimary(t, ref i, st, ctx);
            if (end == null) return null;
            if (start is not (NumberValue or PropertyRefValue) || end is not (NumberValue or PropertyRefValue))
            {
                ctx.Error(BindingDiagnostics.BadValue, dots, "range ends must be numbers or prop(...)");
                return null;
            }
            if (start is NumberValue a && end is NumberValue b && a.Value > b.Value)
            {
                ctx.Error(BindingDiagnostics.BadValue, dots, "range start is above its end");
                return null;
            }
            return new RangeValue(start, end, start.Span);
        }
        return start;
    }

    private static BindingValue? ParsePrimary(IReadOnlyList<SyntaxTerm> t, ref int i, SyntaxStatement st, Context ctx)
    {
        if (i >= t.Count)
        {
            ctx.Error(BindingDiagnostics.BadValue, t.Count > 0 ? t[t.Count - 1] : st.Keyword, "a value is missing");
            return null;
        }
        var term = t[i];
        var span = ctx.Span(term);
        switch (term.Kind)
        {
            case TermKind.Number:
                if (term.Text.StartsWith("!", StringComparison.Ordinal))
                {
                    ctx.Error(BindingDiagnostics.BadValue, term, $"number '{term.Text.Substring(1)}' does not fit in 64 bits");
                    return null;
                }
                i++;
                return new NumberValue(term.Number, span);
            case TermKind.String:
                i++;
                return new StringValue(term.Text, span);
            case TermKind.Word:
                if (term.Text is "prop" or "flag" or "window")
                {
                    if (i + 3 < t.Count && IsSymbol(t[i + 1], "(") && t[i + 2].Kind == TermKind.String && IsSymbol(t[i + 3], ")"))
                    {
                        var kind = term.Text == "prop" ? PropertyReadKind.Cells : term.Text == "flag" ? PropertyReadKind.Flag : PropertyReadKind.Window;
                        i += 4;
                        return new PropertyRefValue(kind, t[i - 2].Text, span);
                    }
                    ctx.Error(BindingDiagnostics.BadValue, term, $"expected {term.Text}(\"property-name\")");
                    return null;
                }
                if (term.Text == "width")
                {
                    if (i + 1 < t.Count && IsSymbol(t[i + 1], "("))
                    {
                        var j = i + 2;
                        var inner = ParseValue(t, ref j, st, ctx);
                        if (inner == null) return null;
                        if (j < t.Count && IsSymbol(t[j], ")"))
                        {
                            i = j + 1;
                            return new WidthValue(inner, span);
                        }
                    }
                    ctx.Error(BindingDiagnostics.BadValue, term, "expected width(VALUE)");
                    return null;
                }
                if (term.Text == "reg")
                {
                    if (i + 3 < t.Count && IsSymbol(t[i + 1], "[") && t[i + 2].Kind == TermKind.Number && IsSymbol(t[i + 3], "]") && t[i + 2].Number < 64)
                    {
                        i += 4;
                        return new RegRefValue((int)t[i - 2].Number, span);
                    }
                    ctx.Error(BindingDiagnostics.BadValue, term, "expected reg[N]");
                    return null;
                }
                i++;
                if (term.Text == "true") return new BoolValue(true, span);
                if (term.Text == "false") return new BoolValue(false, span);
                return new WordValue(term.Text, span);
            default:
                ctx.Error(BindingDiagnostics.BadValue, term, $"unexpected '{term.Text}' where a value was expected");
                return null;
        }
    }
}
