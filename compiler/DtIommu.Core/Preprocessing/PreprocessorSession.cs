using System;
using System.Collections.Generic;
using System.Globalization;
using DtIommu.Diagnostics;
using DtIommu.Text;

namespace DtIommu.Preprocessing;

/// <summary>
/// One preprocessing run: the stack of files being read (the expander's unexpanded input), directives, diagnostics
/// and the output writer.
/// </summary>
internal sealed partial class PreprocessorSession : IPpTokenSource, IPpDiagnosticSink
{
    private static readonly SourceSpan[] NoSpans = Array.Empty<SourceSpan>();

    private readonly PreprocessorOptions _options;
    private readonly IncludeResolver _resolver;
    private readonly MacroTable _macros = new();
    private readonly MacroExpander _expander;
    private readonly ConstantExpressionEvaluator _evaluator;
    private readonly ConditionalStack _conditionals = new();
    private readonly LineMarkerWriter _writer = new();
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<string> _dependencies = new();
    private readonly HashSet<string> _dependencySet = new(StringComparer.Ordinal);
    private readonly List<FileState> _files = new();
    private readonly Dictionary<string, string> _guards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _onceOnly = new(StringComparer.Ordinal);
    private readonly PpToken _end = new(PpTokenKind.EndOfInput, "");
    private readonly DateTime _now;
    private string _mainName = "";
    private PpToken? _directive;
    private bool _fatal;
    private int _counter;
    private long _macroStamp;

    public PreprocessorSession(PreprocessorOptions options)
    {
        _options = options;
        _resolver = new IncludeResolver(options.IncludeDirs, options.ReadFile);
        _expander = new MacroExpander(_macros, this, BuiltinText, this);
        _evaluator = new ConstantExpressionEvaluator(_expander, _macros, this, HasInclude);
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        _now = epoch != null && long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out long secs)
            ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secs)
            : DateTime.Now;
    }

    public PreprocessorResult Run(string path, string? text)
    {
        _mainName = path;
        Predefine();
        if (text == null)
        {
            text = _resolver.Read(path);
            if (text == null)
            {
                _diagnostics.Report(PreprocessorDiagnostics.MissingInclude, $"{path}: No such file or directory");
                return new PreprocessorResult("", Array.Empty<string>(), _diagnostics.Items, false);
            }
        }

        _writer.Begin(path);
        PushFile(new SourceFile(path, text), -1, null);
        while (true)
        {
            var token = _expander.Next();
            if (token.Kind == PpTokenKind.EndOfInput) break;
            _writer.Token(token, _expander.AtBase && token.File != null);
        }
        _writer.Finish();
        return new PreprocessorResult(_writer.Text, _dependencies, _diagnostics.Items, !_diagnostics.HasErrors);
    }

    private FileState? Top => _files.Count > 0 ? _files[_files.Count - 1] : null;

    /// <inheritdoc/>
    public PpToken Next()
    {
        while (true)
        {
            var fs = Top;
            if (fs == null || _fatal) return _end;
            var line = fs.Current;
            if (line != null && fs.TokenIndex < line.Tokens.Count)
            {
                var token = line.Tokens[fs.TokenIndex];
                if (fs.TokenIndex == 0)
                {
                    if (!fs.PassThrough && token.Is("#") && _expander.ParsingArgs != 1)
                    {
                        if (IsDirective(line, false))
                        {
                            fs.TokenIndex = line.Tokens.Count;
                            ProcessDirective(fs, line, false);
                            continue;
                        }
                        fs.PassThrough = true;
                    }
                    NoteText(fs);
                    if (_expander.ParsingArgs == 0) _writer.LineChange(fs.Presumed(token.Line), fs.PresumedName, token);
                }
                fs.TokenIndex++;
                return token;
            }
            if (!AdvanceLine(fs))
            {
                // Macro arguments never run past the end of a file.
                if (_expander.ParsingArgs > 0) return _end;
                PopFile();
            }
        }
    }

    /// <inheritdoc/>
    public void Pushback(PpToken token)
    {
        if (token.Kind == PpTokenKind.EndOfInput) return;
        var fs = Top;
        if (fs != null && fs.TokenIndex > 0) fs.TokenIndex--;
    }

    private bool AdvanceLine(FileState fs)
    {
        while (true)
        {
            if (fs.LineIndex >= fs.Lines.Count - 1)
            {
                fs.LineIndex = fs.Lines.Count;
                fs.Current = null;
                return false;
            }
            fs.LineIndex++;
            fs.TokenIndex = 0;
            fs.PassThrough = false;
            var line = fs.Lines[fs.LineIndex];
            fs.Current = line;
            if (line.Tokens.Count == 0) continue;
            if (_conditionals.Skipping)
            {
                if (line.Tokens[0].Is("#") && IsDirective(line, true))
                    ProcessDirective(fs, line, true);
                fs.TokenIndex = line.Tokens.Count;
                if (_fatal) return false;
                continue;
            }
            return true;
        }
    }

    private void PushFile(SourceFile file, int dirIndex, PpToken? includeDirective)
    {
        AddDependency(file.Path);
        var lines = PpLexer.LexFile(file, (ln, col) =>
            _diagnostics.Report(PreprocessorDiagnostics.UnterminatedComment, "unterminated comment", SourceSpan.At(file.Path, ln, col)));
        var parent = Top;
        var fs = new FileState(file, lines, dirIndex, _files.Count, _macroStamp);
        _files.Add(fs);
        if (parent != null && includeDirective != null)
            _writer.EnterFile(parent.Presumed(includeDirective.Line), parent.PresumedName, file.Path);
    }

    private void PopFile()
    {
        var fs = _files[_files.Count - 1];
        while (_conditionals.Count > 0 && _conditionals.Top!.FileDepth == fs.Depth)
        {
            var open = _conditionals.Pop();
            Report(PreprocessorDiagnostics.UnterminatedConditional, open.Directive, $"unterminated #{open.Directive.Text}");
            fs.GuardState = -1;
        }
        if (fs.GuardState == 2 && fs.GuardMacro != null)
            foreach (var key in fs.GuardKeys)
                _guards[key] = fs.GuardMacro;
        _files.RemoveAt(_files.Count - 1);
        var parent = Top;
        if (parent != null && !_fatal)
        {
            int after = parent.Current != null ? parent.Current.LastLine + 1 : parent.File.LineCount;
            _writer.LeaveFile(parent.Presumed(after), parent.PresumedName);
        }
    }

    private void AddDependency(string path)
    {
        string dep = path;
        while (dep.StartsWith("./", StringComparison.Ordinal) && dep.Length > 2) dep = dep.Substring(2);
        if (_dependencySet.Add(dep)) _dependencies.Add(dep);
    }

    /// <summary>Text outside any directive: a file with it outside its guard group is not include-guarded.</summary>
    private static void NoteText(FileState fs)
    {
        if (fs.GuardState != 1) fs.GuardState = -1;
    }

    private string BuiltinText(BuiltinMacroKind kind, PpToken name)
    {
        var fs = Top;
        switch (kind)
        {
            case BuiltinMacroKind.File:
                return LineMarkerWriter.Quote(fs?.PresumedName ?? _mainName);
            case BuiltinMacroKind.BaseFile:
                return LineMarkerWriter.Quote(_mainName);
            case BuiltinMacroKind.Line:
            {
                var at = _expander.AtBase ? name : _expander.ExpansionPoint ?? name;
                int line = fs != null && (at.File == null || at.File == fs.File) ? fs.Presumed(at.Line) : at.Line;
                return line.ToString(CultureInfo.InvariantCulture);
            }
            case BuiltinMacroKind.IncludeLevel:
                return Math.Max(_files.Count - 1, 0).ToString(CultureInfo.InvariantCulture);
            case BuiltinMacroKind.Counter:
                return (_counter++).ToString(CultureInfo.InvariantCulture);
            case BuiltinMacroKind.Date:
                return "\"" + _now.ToString("MMM", CultureInfo.InvariantCulture) + " " + _now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " " + _now.Year.ToString(CultureInfo.InvariantCulture) + "\"";
            case BuiltinMacroKind.Time:
                return "\"" + _now.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "\"";
            default:
                return "";
        }
    }

    private bool HasInclude(string name, bool angled, bool next)
    {
        var fs = Top;
        int first = next && fs != null && fs.DirIndex >= 0 ? fs.DirIndex + 1 : 0;
        return _resolver.Resolve(name, angled, fs?.File.Path ?? _mainName, first) != null;
    }

    /// <inheritdoc/>
    public void Report(DiagnosticDescriptor descriptor, PpToken? at, string message) => Report(descriptor, at, message, NoSpans);

    private void Report(DiagnosticDescriptor descriptor, PpToken? at, string message, IReadOnlyList<SourceSpan> related)
    {
        _diagnostics.Report(descriptor, message, SpanOf(at ?? _directive), related);
    }

    private SourceSpan SpanOf(PpToken? token)
    {
        if (token == null || token.File == null)
        {
            if (token != null && _files.Count == 0) return new SourceSpan("<command-line>", 1, token.Column, 1, token.Column + token.Text.Length);
            if (token == null || _directive?.File == null) return SourceSpan.At(Top?.PresumedName ?? "<command-line>", 1, 1);
            token = _directive;
        }
        string name = token.File!.Path;
        int delta = 0;
        for (int i = _files.Count - 1; i >= 0; i--)
        {
            if (_files[i].File == token.File)
            {
                name = _files[i].PresumedName;
                delta = _files[i].LineDelta;
                break;
            }
        }
        int end = token.Text.IndexOf('\n') < 0 ? token.Column + token.Text.Length : token.Column + 1;
        return new SourceSpan(name, token.Line + delta, token.Column, token.Line + delta, end);
    }
}
