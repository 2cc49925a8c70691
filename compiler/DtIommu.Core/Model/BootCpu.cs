namespace DtIommu.Model;

/// <summary>The boot CPU id a blob's header carries when the user gives none.</summary>
public static class BootCpu
{
    /// <summary>dtc's guess of the boot CPU: the 4-byte <c>reg</c> of the first child (even a deleted one) of /cpus.</summary>
    public static uint Guess(Node root)
    {
        var cpus = NodeLookup.ByPath(root, "/cpus");
        if (cpus == null || cpus.Children.Count == 0) return 0;
        var reg = cpus.Children[0].GetProperty("reg");
        return reg != null && reg.Value.Length == 4 ? reg.Value.GetCell(0) : 0;
    }
}
