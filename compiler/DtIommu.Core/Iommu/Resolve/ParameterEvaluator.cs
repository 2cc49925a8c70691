using System.Collections.Generic;
using DtIommu.Iommu.Bindings;
using DtIommu.Iommu.Model;
using DtIommu.Model;

namespace DtIommu.Iommu.Resolve;

/// <summary>Evaluates binding value expressions against an IOMMU node.</summary>
public static class ParameterEvaluator
{
    /// <summary>The value, or null with <paramref name="failure"/> set when a property is missing or malformed.</summary>
    public static ParameterValue? Evaluate(BindingValue value, Node node, out string? failure)
    {
        failure = null;
        switch (value)
        {
            case NumberValue n:
                return ParameterValue.Of(n.Value);
            case BoolValue b:
                return ParameterValue.Of(b.Value);
            case WordValue w:
                return ParameterValue.OfWord(w.Value);
            case StringValue s:
                return ParameterValue.OfText(s.Value);
            case FallbackValue f:
                var first = Evaluate(f.First, node, out _);
                return first ?? Evaluate(f.Otherwise, node, out failure);
            case RangeValue r:
                var a = Evaluate(r.Start, node, out failure);
                if (a == null) return null;
                var e = Evaluate(r.End, node, out failure);
                if (e == null) return null;
                if (a.Kind != ParameterKind.Integer || e.Kind != ParameterKind.Integer || a.Integer > e.Integer)
                {
                    failure = "range ends do not evaluate to an ordered pair of integers";
                    return null;
                }
                return ParameterValue.OfRange(a.Integer, e.Integer);
            case WidthValue wv:
                var bits = Evaluate(wv.Bits, node, out failure);
                if (bits == null) return null;
                if (bits.Kind != ParameterKind.Integer || bits.Integer < 1 || bits.Integer > 64)
                {
                    failure = $"width({bits}) is not 1..64 bits";
                    return null;
                }
                return ParameterValue.OfRange(0, bits.Integer == 64 ? ulong.MaxValue : (1UL << (int)bits.Integer) - 1);
            case PropertyRefValue p:
                return ReadProperty(p, node, out failure);
            case RegRefValue reg:
                var cells = TreeIndex.Cells(node, "reg");
                var na = TreeIndex.AddressCells(node);
                var ns = TreeIndex.SizeCells(node);
                var at = reg.Index * (na + ns);
                if (cells == null || na + ns == 0 || at + na + ns > cells.Length)
                {
                    failure = $"reg has no entry {reg.Index}";
                    return null;
                }
                var range = AddressRange.FromSize(TreeIndex.ReadNumber(cells, at, na), TreeIndex.ReadNumber(cells, at + na, ns));
                if (range == null)
                {
                    failure = $"reg entry {reg.Index} has size 0";
                    return null;
                }
                return ParameterValue.OfRange(range.Value.Start, range.Value.End);
            default:
                failure = "unsupported value";
                return null;
        }
    }

    private static ParameterValue? ReadProperty(PropertyRefValue p, Node node, out string? failure)
    {
        failure = null;
        var prop = node.GetProperty(p.Property);
        if (p.Read == PropertyReadKind.Flag) return ParameterValue.Of(prop != null);
        if (prop == null)
        {
            failure = $"property \"{p.Property}\" is absent";
            return null;
        }
        var cells = TreeIndex.Cells(prop);
        if (p.Read == PropertyReadKind.Cells)
        {
            if (cells.Length is < 1 or > 2 || prop.Value.Length % 4 != 0)
            {
                failure = $"property \"{p.Property}\" is not one or two cells";
                return null;
            }
            return ParameterValue.Of(TreeIndex.ReadNumber(cells, 0, cells.Length));
        }
        // window("x"): <start length> with equal halves of 1 or 2 cells.
        if (cells.Length is not (2 or 4) || prop.Value.Length % 4 != 0)
        {
            failure = $"property \"{p.Property}\" is not <start length> of 1+1 or 2+2 cells";
            return null;
        }
        var half = cells.Length / 2;
        var w = AddressRange.FromSize(TreeIndex.ReadNumber(cells, 0, half), TreeIndex.ReadNumber(cells, half, half));
        if (w == null)
        {
            failure = $"property \"{p.Property}\" has length 0";
            return null;
        }
        return ParameterValue.OfRange(w.Value.Start, w.Value.End);
    }

    /// <summary>Evaluates every parameter of <paramref name="spec"/>; unresolved ones are skipped and reported in <paramref name="failures"/>.</summary>
    public static List<NamedParameter> EvaluateAll(SimulatorSpec spec, Node node, List<string> failures)
    {
        var result = new List<NamedParameter>();
        foreach (var p in spec.Parameters)
        {
            var values = new List<ParameterValue>();
            foreach (var v in p.Values)
            {
                var r = Evaluate(v, node, out var failure);
                if (r == null)
                {
                    failures.Add($"parameter '{p.Name}': {failure}");
                    values.Clear();
                    break;
                }
                values.Add(r);
            }
            if (values.Count == 0) continue;
            // Page-size lists stay lists even with one element, so consumers need not special-case them.
            var isList = p.Values.Count > 1 || p.Name == "page-sizes" || p.Name.EndsWith("-page-sizes", System.StringComparison.Ordinal);
            result.Add(new NamedParameter(p.Name, isList ? ParameterValue.OfList(values) : values[0]));
        }
        return result;
    }
}
