using System.Collections.Generic;

namespace DtIommu.Preprocessing;

/// <summary>
/// Nested <c>#if</c> groups and whether text is being skipped, with cpp's rules: once a branch is taken the later
/// <c>#elif</c>s are not even evaluated, and a group inside a skipped group is skipped whatever its condition.
/// </summary>
internal sealed class ConditionalStack
{
    /// <summary>One open <c>#if</c> group.</summary>
    internal sealed class Entry
    {
        public Entry(PpToken directive, bool wasSkipping, bool skipElses, int fileDepth)
        {
            Directive = directive;
            WasSkipping = wasSkipping;
            SkipElses = skipElses;
            FileDepth = fileDepth;
        }

        /// <summary>The directive name token that opened the group (for "unterminated #if" positions).</summary>
        public PpToken Directive { get; }

        /// <summary>Whether text was being skipped before the group opened.</summary>
        public bool WasSkipping { get; }

        /// <summary>A branch was already taken (or the whole group is skipped): later branches are skipped.</summary>
        public bool SkipElses { get; set; }

        /// <summary>An <c>#else</c> was seen; nothing but <c>#endif</c> may follow.</summary>
        public bool SawElse { get; set; }

        /// <summary>Include depth of the file that opened the group: groups may not span files.</summary>
        public int FileDepth { get; }
    }

    private readonly List<Entry> _entries = new();

    /// <summary>True while the current group's text is being skipped.</summary>
    public bool Skipping { get; private set; }

    public int Count => _entries.Count;

    public Entry? Top => _entries.Count > 0 ? _entries[_entries.Count - 1] : null;

    /// <summary>Opens a group; <paramref name="condition"/> is ignored when already skipping.</summary>
    public void Push(PpToken directive, bool condition, int fileDepth)
    {
        bool skip = Skipping || !condition;
        _entries.Add(new Entry(directive, Skipping, Skipping || condition, fileDepth));
        Skipping = skip;
    }

    /// <summary>Switches to an <c>#elif</c> branch; <paramref name="evaluate"/> runs only when the branch can be taken.</summary>
    public void Elif(System.Func<bool> evaluate)
    {
        var top = Top!;
        if (top.SkipElses)
        {
            Skipping = true;
            return;
        }
        Skipping = false;
        bool taken = evaluate();
        Skipping = !taken;
        top.SkipElses = taken;
    }

    /// <summary>Switches to the <c>#else</c> branch.</summary>
    public void Else()
    {
        var top = Top!;
        Skipping = top.SkipElses;
        top.SkipElses = true;
        top.SawElse = true;
    }

    /// <summary>Closes the innermost group.</summary>
    public Entry Pop()
    {
        var top = Top!;
        _entries.RemoveAt(_entries.Count - 1);
        Skipping = top.WasSkipping;
        return top;
    }
}
