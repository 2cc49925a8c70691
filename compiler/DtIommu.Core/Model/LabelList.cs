using System.Collections.Generic;

namespace DtIommu.Model;

/// <summary>
/// The labels of one object in dtc's order: <c>add_label</c> prepends, so the label added last is printed first,
/// and re-adding an existing name only revives it.
/// </summary>
public sealed class LabelList
{
    // Made on the first label: most nodes and properties have none, and a board has thousands of them.
    private List<Label>? _reversed;

    /// <summary>Adds <paramref name="name"/> in front, or revives it if already present.</summary>
    public void Add(string name)
    {
        _reversed ??= new List<Label>(1);
        foreach (var l in _reversed)
            if (l.Name == name) { l.IsDeleted = false; return; }
        _reversed.Add(new Label(name));
    }

    /// <summary>Marks every label deleted.</summary>
    public void DeleteAll()
    {
        if (_reversed == null) return;
        foreach (var l in _reversed) l.IsDeleted = true;
    }

    /// <summary>All labels, deleted ones included, in dtc's list order (last added first).</summary>
    public IEnumerable<Label> All => Count == 0 ? [] : Reversed(_reversed!, liveOnly: false);

    /// <summary>Live labels in dtc's list order.</summary>
    public IEnumerable<Label> Live => Count == 0 ? [] : Reversed(_reversed!, liveOnly: true);

    private static IEnumerable<Label> Reversed(List<Label> labels, bool liveOnly)
    {
        for (var i = labels.Count - 1; i >= 0; i--)
            if (!liveOnly || !labels[i].IsDeleted) yield return labels[i];
    }

    /// <summary>True when a live label has this name.</summary>
    public bool ContainsLive(string name)
    {
        if (_reversed is not { } labels) return false;
        // An indexed loop: a List enumerator over a reference type is shared generic code a native build does not
        // inline, and a label lookup asks every node of the tree.
        for (var i = 0; i < labels.Count; i++)
        {
            var l = labels[i];
            if (!l.IsDeleted && l.Name == name) return true;
        }
        return false;
    }

    /// <summary>True when there is at least one live label.</summary>
    public bool AnyLive
    {
        get
        {
            if (_reversed == null) return false;
            foreach (var l in _reversed) if (!l.IsDeleted) return true;
            return false;
        }
    }

    /// <summary>The label at <paramref name="index"/> in dtc's list order, deleted ones included (no enumerator allocated).</summary>
    public Label this[int index] => _reversed![_reversed.Count - 1 - index];

    /// <summary>Number of labels, deleted ones included.</summary>
    public int Count => _reversed?.Count ?? 0;
}
