using System.Collections.Generic;
using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>#address-cells/#size-cells, <c>reg</c>, <c>ranges</c>, <c>dma-ranges</c> and unit addresses.</summary>
internal static class RegRangesChecks
{
    private static readonly ulong CellsBits = NodeFilter.Bits("#address-cells", "#size-cells");

    public static void AddrSizeCells(CheckRun run, Node node)
    {
        node.AddressCells = -1;
        node.SizeCells = -1;
        if (!run.MayHave(CellsBits)) return;
        // The *_is_cell prerequisites guarantee 4 bytes; anything else is left as "absent" rather than misread.
        var a = Dtc.SingleCell(node.GetProperty("#address-cells"));
        if (a.HasValue) node.AddressCells = (int)a.Value;
        var s = Dtc.SingleCell(node.GetProperty("#size-cells"));
        if (s.HasValue) node.SizeCells = (int)s.Value;
    }

    private static bool IsMultipleOf(long multiple, long divisor) => divisor == 0 ? multiple == 0 : multiple % divisor == 0;

    public static void RegFormat(CheckRun run, Node node)
    {
        var prop = node.GetProperty("reg");
        if (prop == null) return;
        if (node.Parent == null)
        {
            run.Fail(node, "Root node has a \"reg\" property");
            return;
        }
        if (prop.Value.Length == 0) run.FailProperty(node, prop, "property is empty");
        var addr = Dtc.AddrCells(node.Parent);
        var size = Dtc.SizeCells(node.Parent);
        var entry = ((long)addr + size) * 4;
        if (!IsMultipleOf(prop.Value.Length, entry))
            run.FailProperty(node, prop, "property has invalid length (" + Dtc.Dec(prop.Value.Length) +
                " bytes) (#address-cells == " + Dtc.Dec(addr) + ", #size-cells == " + Dtc.Dec(size) + ")");
    }

    /// <summary>The body of <c>ranges_format</c> or <c>dma_ranges_format</c>.</summary>
    public static CheckBody RangesFormat(string name) => (run, node) =>
    {
        var prop = node.GetProperty(name);
        if (prop == null) return;
        if (node.Parent == null)
        {
            run.FailProperty(node, prop, "Root node has a \"" + name + "\" property");
            return;
        }
        var pAddr = Dtc.AddrCells(node.Parent);
        var pSize = Dtc.SizeCells(node.Parent);
        var cAddr = Dtc.AddrCells(node);
        var cSize = Dtc.SizeCells(node);
        var entry = ((long)pAddr + cAddr + cSize) * 4;
        if (prop.Value.Length == 0)
        {
            var parentPath = Dtc.Path(node.Parent);
            if (pAddr != cAddr)
                run.FailProperty(node, prop, "empty \"" + name + "\" property but its #address-cells (" + Dtc.Dec(cAddr) +
                    ") differs from " + parentPath + " (" + Dtc.Dec(pAddr) + ")");
            if (pSize != cSize)
                run.FailProperty(node, prop, "empty \"" + name + "\" property but its #size-cells (" + Dtc.Dec(cSize) +
                    ") differs from " + parentPath + " (" + Dtc.Dec(pSize) + ")");
        }
        else if (!IsMultipleOf(prop.Value.Length, entry))
        {
            run.FailProperty(node, prop, "\"" + name + "\" property has invalid length (" + Dtc.Dec(prop.Value.Length) +
                " bytes) (parent #address-cells == " + Dtc.Dec(pAddr) + ", child #address-cells == " + Dtc.Dec(cAddr) +
                ", #size-cells == " + Dtc.Dec(cSize) + ")");
        }
    };

    public static void UnitAddressFormat(CheckRun run, Node node)
    {
        if (node.Parent != null && node.Parent.BusType != null) return;
        if (!Dtc.HasUnitAddress(node)) return;
        var unit = node.UnitAddress;
        if (Dtc.StartsWith(unit, "0x"))
        {
            run.Fail(node, "unit name should not have leading \"0x\"");
            unit = unit.Substring(2);
        }
        if (unit.Length > 1 && unit[0] == '0' && IsHexDigit(unit[1]))
            run.Fail(node, "unit name should not have leading 0s");
    }

    private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    public static void AvoidDefaultAddrSize(CheckRun run, Node node)
    {
        if (node.Parent == null) return;
        if (node.GetProperty("reg") == null && node.GetProperty("ranges") == null) return;
        if (node.Parent.AddressCells == -1) run.Fail(node, "Relying on default #address-cells value");
        if (node.Parent.SizeCells == -1) run.Fail(node, "Relying on default #size-cells value");
    }

    public static void AvoidUnnecessaryAddrSize(CheckRun run, Node node)
    {
        if (node.Parent == null || node.AddressCells < 0 || node.SizeCells < 0) return;
        if (node.GetProperty("ranges") != null || node.GetProperty("dma-ranges") != null || !Dtc.HasChildList(node)) return;
        // dtc 1.8.1: a child's ranges needs the cells as much as a child's reg does.
        foreach (var child in node.LiveChildren)
            if (child.GetProperty("reg") != null || child.GetProperty("ranges") != null) return;
        run.Fail(node, "unnecessary #address-cells/#size-cells without \"ranges\", \"dma-ranges\" or child \"reg\" or \"ranges\" property");
    }

    /// <summary>The body of <c>unique_unit_address</c>, or of <c>unique_unit_address_if_enabled</c> when <paramref name="skipDisabled"/>.</summary>
    public static CheckBody UniqueUnitAddress(bool skipDisabled) => (run, node) =>
    {
        if (node.AddressCells < 0 || node.SizeCells < 0 || !Dtc.HasChildList(node)) return;
        // dtc reports, for each child, every earlier sibling with the same unit address; a dictionary of the earlier
        // ones keeps wide nodes linear.
        // One pair of dictionaries serves every node of the walk, so wide trees do not allocate per bus.
        var scratch = run.State(_ => new UnitScratch());
        scratch.First.Clear();
        scratch.Repeated.Clear();
        var first = scratch.First;
        var repeated = scratch.Repeated;
        foreach (var child in node.Children)
        {
            if (child.IsDeleted || !Dtc.HasUnitAddress(child)) continue;
            if (skipDisabled && IsDisabled(child)) continue;
            var unit = new UnitKey(child.Name);
            if (!first.TryGetValue(unit, out var earliest))
            {
                first[unit] = child;
                continue;
            }
            if (!repeated.TryGetValue(unit, out var list)) repeated[unit] = list = [earliest];
            foreach (var other in list)
                run.Fail(other, "duplicate unit-address (also used in node " + Dtc.Path(child) + ")");
            list.Add(child);
        }
    };

    private sealed class UnitScratch
    {
        public readonly Dictionary<UnitKey, Node> First = [];
        public readonly Dictionary<UnitKey, List<Node>> Repeated = [];
    }

    /// <summary>The unit address part of a node name as a dictionary key, compared in place without a substring.</summary>
    private readonly struct UnitKey : System.IEquatable<UnitKey>
    {
        private readonly string _name;
        private readonly int _start;

        public UnitKey(string name)
        {
            _name = name;
            _start = name.IndexOf('@') + 1;
        }

        private int Length => _name.Length - _start;

        public bool Equals(UnitKey other) =>
            Length == other.Length && string.CompareOrdinal(_name, _start, other._name, other._start, Length) == 0;

        public override bool Equals(object? obj) => obj is UnitKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = 17;
            for (var i = _start; i < _name.Length; i++) h = h * 31 + _name[i];
            return h;
        }
    }

    private static bool IsDisabled(Node node) => Dtc.StringEquals(node.GetProperty("status"), "disabled");
}
