using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Text;

namespace DtIommu.Checks;

/// <summary>Runs the check table over a tree the way dtc's <c>process_checks</c> does.</summary>
public static class CheckRunner
{
    /// <summary>What dtc prints (then exits with 2) when a check error stops the compilation without <c>-f</c>.</summary>
    public const string AbortMessage = "ERROR: Input tree has errors, aborting (use -f to force output)";

    /// <summary>What dtc prints with <c>-f</c> after check errors (hidden by <c>-qqq</c>).</summary>
    public const string ForcedMessage = "Warning: Input tree has errors, output forced";

    /// <summary>dtc's exit code after check errors without <c>-f</c>.</summary>
    public const int ErrorExitCode = 2;

    /// <summary>
    /// Runs every enabled check in table order (prerequisites first), reporting into <paramref name="bag"/>;
    /// returns true when an error-level check failed, after which no later check or fixup ran.
    /// </summary>
    public static bool Run(CheckContext context, CheckSettings settings, DiagnosticBag bag) =>
        Run(context, settings, bag, out _);

    /// <summary>Runs the checks and also returns each check's final status, indexed by <see cref="Check.Index"/>.</summary>
    public static bool Run(CheckContext context, CheckSettings settings, DiagnosticBag bag, out IReadOnlyList<CheckStatus> statuses)
    {
        var run = new CheckRun(context, settings, bag);
        var error = false;
        foreach (var c in CheckTable.All)
            if (settings.IsEnabled(c))
                error = error || run.RunCheck(c);
        statuses = run.Statuses;
        return error;
    }
}

/// <summary>The state of one pass over the check table; check bodies report through it.</summary>
public sealed class CheckRun
{
    private static readonly SourceSpan[] NoSpans = [];
    private readonly CheckStatus[] _status;
    private readonly bool[] _inProgress;
    private readonly CheckSettings _settings;
    private readonly DiagnosticBag _bag;
    private ReferenceIndex? _refs;
    private Check? _refsOwner;
    private object? _state;
    private Check? _stateOwner;

    internal CheckRun(CheckContext context, CheckSettings settings, DiagnosticBag bag)
    {
        Context = context;
        _settings = settings;
        _bag = bag;
        _status = new CheckStatus[CheckTable.All.Count];
        _inProgress = new bool[CheckTable.All.Count];
    }

    /// <summary>The tree and options being checked.</summary>
    public CheckContext Context { get; }

    /// <summary>The root of the tree.</summary>
    public Node Root => Context.Tree.Root;

    /// <summary>The check whose body is running.</summary>
    public Check Current { get; private set; } = null!;

    internal IReadOnlyList<CheckStatus> Statuses => _status;

    /// <summary>
    /// dtc's reference resolution with indexes built for the running check, so that resolving many references
    /// costs no tree scan each; built once per check because fixups between checks may delete nodes.
    /// </summary>
    internal ReferenceIndex References
    {
        get
        {
            if (_refs == null || _refsOwner != Current)
            {
                _refs = new ReferenceIndex(Root);
                _refsOwner = Current;
            }
            return _refs;
        }
    }

    /// <summary>Per-check scratch data (an index built on the first visit), discarded when the next check starts.</summary>
    internal T State<T>(System.Func<CheckRun, T> create) where T : class
    {
        if (_state is T existing && _stateOwner == Current) return existing;
        var created = create(this);
        _state = created;
        _stateOwner = Current;
        return created;
    }

    internal bool RunCheck(Check c)
    {
        var error = false;
        var i = c.Index;
        if (_status[i] == CheckStatus.Unchecked)
        {
            _inProgress[i] = true;
            foreach (var p in c.PrerequisiteList)
            {
                // dtc guards against prerequisite cycles with an assert; the table has none, so a cycle is skipped.
                if (_inProgress[p.Index]) continue;
                error = error || RunCheck(p);
                if (_status[p.Index] != CheckStatus.Passed)
                {
                    _status[i] = CheckStatus.Prerequisite;
                    Report(c, "Failed prerequisite '" + p.Name + "'", null, null, null, null);
                }
            }
            if (_status[i] == CheckStatus.Unchecked)
            {
                Walk(c);
                if (_status[i] == CheckStatus.Unchecked) _status[i] = CheckStatus.Passed;
            }
            _inProgress[i] = false;
        }
        if (_status[i] != CheckStatus.Passed && _settings.IsError(c)) error = true;
        return error;
    }

    private void Walk(Check c)
    {
        if (c.Body == null) return;
        var previous = Current;
        Current = c;
        var stack = new Stack<Node>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            c.Body(this, node);
            var children = node.Children;
            for (var k = children.Count - 1; k >= 0; k--)
                if (!children[k].IsDeleted) stack.Push(children[k]);
        }
        Current = previous;
    }

    /// <summary>Records a failure of the running check about a node (dtc's <c>FAIL</c>).</summary>
    public void Fail(Node node, string message)
    {
        _status[Current.Index] = CheckStatus.Failed;
        Report(Current, message, node.Span, node.Spans.Count > 1 ? Rest(node.Spans) : null, Dtc.Path(node), null);
    }

    /// <summary>
    /// Records a failure about a property (dtc's <c>FAIL_PROP</c>); the property may belong to another node,
    /// and a null property makes it a node failure.
    /// </summary>
    public void FailProperty(Node node, Property? property, string message)
    {
        if (property == null)
        {
            Fail(node, message);
            return;
        }
        _status[Current.Index] = CheckStatus.Failed;
        Report(Current, message, property.Span ?? node.Span, null, Dtc.Path(node), property.Name);
    }

    private void Report(Check c, string message, SourceSpan? span, IReadOnlyList<SourceSpan>? related, string? path, string? property)
    {
        // Like dtc's check_msg: a check that runs only as a prerequisite fails silently.
        var severity = _settings.GetSeverity(c);
        if (severity == Severity.Off) return;
        _bag.Add(new Diagnostic(c.Descriptor, severity, message, span, related ?? NoSpans, path, property));
    }

    private static SourceSpan[] Rest(List<SourceSpan> spans)
    {
        var rest = new SourceSpan[spans.Count - 1];
        spans.CopyTo(1, rest, 0, rest.Length);
        return rest;
    }
}
