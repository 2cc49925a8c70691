using System.Collections.Generic;
using System.Linq;
using DtIommu.Model;
using StringComparer = System.StringComparer;

namespace DtIommu.Compilation;

/// <summary><c>-s</c>: sorts reservations by (address, size), and properties and children by name, byte-wise.</summary>
public static class TreeSorter
{
    /// <summary>Sorts the whole tree in place (deleted entries included, as dtc does).</summary>
    public static void Sort(DeviceTree tree)
    {
        var reserves = tree.Reservations.OrderBy(r => r.Address).ThenBy(r => r.Size).ToList();
        tree.Reservations.Clear();
        tree.Reservations.AddRange(reserves);
        SortNode(tree.Root);
    }

    private static void SortNode(Node node)
    {
        // LINQ's OrderBy is stable, like the merge sort glibc's qsort uses for arrays this size.
        var props = node.Properties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        node.Properties.Clear();
        node.Properties.AddRange(props);
        var children = node.Children.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        node.Children.Clear();
        node.Children.AddRange(children);
        foreach (var c in node.Children) SortNode(c);
    }
}
