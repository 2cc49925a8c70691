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
    private int _refsDeletions;
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
    /// dtc's reference resolution with indexes, so that resolving many references costs no tree scan each; rebuilt
    /// after a fixup deletes nodes.
    /// </summary>
    internal ReferenceIndex References
    {
        get
        {
            // Labels and paths only change when a fixup deletes nodes, so one index serves every check until then.
            if (_refs == null || _refsDeletions != _deletions)
            {
                _refs = new ReferenceIndex(Root);
                _refsDeletions = _deletions;
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
        // The live pre-order is shared by every check until a fixup deletes nodes; a node deleted by the running
        // check is skipped together with its (also deleted) descendants, as dtc's walk would skip them.
        BuildOrder();
        var order = _order!;
        var masks = _masks!;
        var flags = _flags!;
        var anyNames = c.Interest;
        var anyFlags = c.InterestFlags;
        var required = c.RequiredFlags;
        var filtered = anyNames != 0 || anyFlags != 0;
        var deletedBefore = _deletions;
        for (var i = 0; i < order.Length; i++)
        {
            if (filtered && (masks[i] & anyNames) == 0 && (flags[i] & anyFlags) == 0) continue;
            if ((flags[i] & required) != required) continue;
            var node = order[i];
            // dtc's walk starts at the root whatever its state: /delete-node/ &{/} leaves a deleted root visited.
            if (node.IsDeleted && i != 0) continue;
            CurrentMask = masks[i];
            c.Body(this, node);
        }
        if (_deletions != deletedBefore) _order = null;
        Current = previous;
    }

    /// <summary>The <see cref="NodeFilter"/> summary of the node being visited.</summary>
    internal ulong CurrentMask { get; private set; }

    /// <summary>False when the visited node certainly has none of the properties in <paramref name="bits"/>.</summary>
    internal bool MayHave(ulong bits) => (CurrentMask & bits) != 0;

    private Node[]? _order;
    private ulong[]? _masks;
    private NodeFilter.Flags[]? _flags;
    private int _deletions;

    /// <summary>Tells the runner that a fixup deleted nodes, so the cached walk order must be rebuilt.</summary>
    internal void NodesDeleted() => _deletions++;

    /// <summary>Tells the runner that a fixup added properties to <paramref name="node"/>.</summary>
    internal void PropertiesAdded(Node node)
    {
        var i = node.WalkIndex;
        if (_order != null && _masks != null && i >= 0 && i < _order.Length && _order[i] == node) _masks[i] |= NodeFilter.Of(node);
    }

    private void BuildOrder()
    {
        if (_order != null) return;
        var order = new List<Node>();
        var parents = new List<int>();
        var stack = new Stack<(Node Node, int Parent)>();
        stack.Push((Root, -1));
        while (stack.Count > 0)
        {
            var (node, parent) = stack.Pop();
            var index = order.Count;
            order.Add(node);
            parents.Add(parent);
            var children = node.Children;
            for (var k = children.Count - 1; k >= 0; k--)
                if (!children[k].IsDeleted) stack.Push((children[k], index));
        }
        _order = order.ToArray();
        _masks = new ulong[_order.Length];
        _flags = new NodeFilter.Flags[_order.Length];
        var hashes = new ulong[_order.Length];
        for (var i = 0; i < _order.Length; i++)
        {
            var node = _order[i];
            var p = parents[i];
            _masks[i] = NodeFilter.Of(node);
            hashes[i] = NodeFilter.HashOf(node, out var maybeDuplicate);
            _flags[i] = p < 0
                ? NodeFilter.FlagsOf(node, _masks[i], maybeDuplicate, null, NodeFilter.Flags.None, 0, 0)
                : NodeFilter.FlagsOf(node, _masks[i], maybeDuplicate, _order[p], _flags[p], _masks[p], hashes[p]);
            node.WalkIndex = i;
        }
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
