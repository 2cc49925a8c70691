using System.Collections.Generic;

namespace DtIommu.Model;

/// <summary>
/// The labels of one object in dtc's order: <c>add_label</c> prepends, so the label added last is printed first,
/// and re-adding an existing name only revives it.
/// </summary>
public sealed class LabelList
{
    private readonly List<Label> _reversed = [];

    /// <summary>Adds <paramref name="name"/> in front, or revives it if already present.</summary>
    public void Add(string name)
    {
        foreach (var l in _reversed)
            if (l.Name == name) { l.IsDeleted = false; return; }
        _reversed.Add(new Label(name));
    }

    /// <summary>Marks every label deleted.</summary>
    public void DeleteAll()
    {
        foreach (var l in _reversed) l.IsDeleted = true;
    }

    /// <summary>All labels, deleted ones included, in dtc's list order (last added first).</summary>
    public IEnumerable<Label> All
    {
        get { for (var i = _reversed.Count - 1; i >= 0; i--) yield return _reversed[i]; }
    }

    /// <summary>Live labels in dtc's list order.</summary>
    public IEnumerable<Label> Live
    {
        get { for (var i = _reversed.Count - 1; i >= 0; i--) if (!_reversed[i].IsDeleted) yield return _reversed[i]; }
    }

    /// <summary>True when a live label has this name.</summary>
    public bool ContainsLive(string name)
    {
        foreach (var l in _reversed) if (!l.IsDeleted && l.Name == name) return true;
        return false;
    }

    /// <summary>True when there is at least one live label.</summary>
    public bool AnyLive
    {
        get { foreach (var l in _reversed) if (!l.IsDeleted) return true; return false; }
    }

    /// <summary>The label at <paramref name="index"/> in dtc's list order, deleted ones included (no enumerator allocated).</summary>
    public Label this[int index] => _reversed[_reversed.Count - 1 - index];

    /// <summary>Number of labels, deleted ones included.</summary>
    public int Count => _reversed.Count;
}
