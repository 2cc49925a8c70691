using System.Text;

namespace DtIommu.Fuzz;

/// <summary>
/// Random DTS that follows the grammar most of the time: labels and references, /bits/ arrays, C expressions,
/// strings with escapes, byte strings, deletes, merges, memory reservations, /omit-if-no-ref/, plugins and includes.
/// Choices lean towards the corners (zero divisors, wide literals, unknown labels) where compilers disagree.
/// </summary>
internal sealed class DtsGenerator
{
    private readonly Random _rng;
    private readonly List<string> _labels = [];
    private readonly List<string> _paths = [];
    private readonly StringBuilder _sb = new();
    private int _nextLabel;

    public DtsGenerator(Random rng) => _rng = rng;

    /// <summary>The main source, and an include file when the source includes one (else null).</summary>
    public (string Source, string? Include) Generate()
    {
        _labels.Clear();
        _paths.Clear();
        _sb.Clear();
        _nextLabel = 0;
        var plugin = Chance(0.15);
        _sb.Append("/dts-v1/;\n");
        if (plugin) _sb.Append("/plugin/;\n");
        for (var i = _rng.Next(3); i > 0; i--)
        {
            MaybeLabels(0.2);
            _sb.Append("/memreserve/ ").Append(Prim()).Append(' ').Append(Prim()).Append(";\n");
        }
        string? include = null;
        if (Chance(0.15))
        {
            include = "/ {\n\tincluded = \"yes\";\n\tinc: inc-node { v = <1>; };\n};\n";
            _sb.Append("/include/ \"inc.dtsi\"\n");
            _labels.Add("inc");
        }
        if (plugin && Chance(0.5)) _sb.Append(Pick("&target", "&{/frag}")).Append(" {\n");
        else _sb.Append("/ {\n");
        _paths.Add("/");
        Body("/", 1, 3);
        _sb.Append("};\n");
        for (var i = _rng.Next(4); i > 0; i--) TopLevel();
        return (_sb.ToString(), include);
    }

    private void TopLevel()
    {
        switch (_rng.Next(5))
        {
            case 0:
                _sb.Append("/ {\n");
                Body("/", 1, 2);
                _sb.Append("};\n");
                break;
            case 1:
                if (Chance(0.3)) _sb.Append(NewLabel()).Append(": ");
                _sb.Append(Reference()).Append(" {\n");
                Body("?", 1, 2);
                _sb.Append("};\n");
                break;
            case 2:
                _sb.Append("/delete-node/ ").Append(Reference()).Append(";\n");
                break;
            case 3:
                _sb.Append("/omit-if-no-ref/ ").Append(Reference()).Append(";\n");
                break;
            default:
                _sb.Append(Reference()).Append(" { };\n");
                break;
        }
    }

    private void Body(string path, int depth, int maxDepth)
    {
        for (var i = _rng.Next(5); i > 0; i--) Property(depth);
        if (Chance(0.1)) { Indent(depth); _sb.Append("/delete-property/ ").Append(PropertyName()).Append(";\n"); }
        if (depth >= maxDepth) return;
        for (var i = _rng.Next(4); i > 0; i--)
        {
            Indent(depth);
            if (Chance(0.1))
            {
                _sb.Append("/delete-node/ ").Append(NodeName()).Append(";\n");
                continue;
            }
            if (Chance(0.1)) _sb.Append("/omit-if-no-ref/ ");
            MaybeLabels(0.4);
            var name = NodeName();
            var child = path == "/" ? "/" + name : path + "/" + name;
            _paths.Add(child);
            _sb.Append(name).Append(" {\n");
            Body(child, depth + 1, maxDepth);
            Indent(depth);
            _sb.Append("};\n");
        }
        // Rarely, a property after a subnode (a parser error in dtc).
        if (Chance(0.02)) Property(depth);
    }

    private void Property(int depth)
    {
        Indent(depth);
        MaybeLabels(0.15);
        _sb.Append(PropertyName());
        if (Chance(0.15))
        {
            _sb.Append(";\n");
            return;
        }
        _sb.Append(" = ");
        for (var chunks = 1 + _rng.Next(3); chunks > 0; chunks--)
        {
            if (Chance(0.1)) _sb.Append(NewLabel()).Append(": ");
            Value();
            if (chunks > 1) _sb.Append(", ");
        }
        _sb.Append(";\n");
    }

    private void Value()
    {
        switch (_rng.Next(6))
        {
            case 0:
            case 1:
                Cells();
                break;
            case 2:
                _sb.Append(StringLiteral());
                break;
            case 3:
                _sb.Append('[');
                for (var i = _rng.Next(6); i > 0; i--)
                {
                    if (Chance(0.1)) _sb.Append(NewLabel()).Append(": ");
                    _sb.Append(_rng.Next(256).ToString("x2")).Append(Chance(0.5) ? " " : "");
                }
                _sb.Append(']');
                break;
            case 4:
                _sb.Append(Reference());
                break;
            default:
                if (Chance(0.5)) Cells();
                else _sb.Append("/incbin/(\"blob.bin\"").Append(Chance(0.5) ? $", {_rng.Next(12)}, {_rng.Next(12)}" : "").Append(')');
                break;
        }
    }

    private void Cells()
    {
        var bits = Chance(0.3) ? Pick("8", "16", "32", "64", "7", "0") : null;
        if (bits != null) _sb.Append("/bits/ ").Append(bits).Append(' ');
        _sb.Append('<');
        for (var i = _rng.Next(5); i > 0; i--)
        {
            switch (_rng.Next(6))
            {
                case 0: _sb.Append(Reference()); break;
                case 1: _sb.Append(NewLabel()).Append(':'); break;
                case 2: _sb.Append('(').Append(Expr(3)).Append(')'); break;
                default: _sb.Append(Literal()); break;
            }
            _sb.Append(' ');
        }
        _sb.Append('>');
    }

    private string Prim() => Chance(0.3) ? "(" + Expr(2) + ")" : Literal();

    private string Expr(int depth)
    {
        if (depth == 0 || Chance(0.3)) return Chance(0.2) ? "(" + Literal() + ")" : Literal();
        switch (_rng.Next(4))
        {
            case 0:
                return Pick("-", "~", "!") + Expr(depth - 1);
            case 1:
                return Expr(depth - 1) + " ? " + Expr(depth - 1) + " : " + Expr(depth - 1);
            default:
                var op = Pick("+", "-", "*", "/", "%", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&", "|", "^", "&&", "||");
                return Expr(depth - 1) + " " + op + " " + (Chance(0.2) ? "0" : Expr(depth - 1));
        }
    }

    private string Literal() => _rng.Next(10) switch
    {
        0 => "0x" + ((ulong)_rng.NextInt64()).ToString("x"),
        1 => "0xffffffffffffffffff",
        2 => "'" + Pick("a", "\\n", "\\x41", "\\0", "\\'", "ab", "") + "'",
        3 => Pick("0", "1", "07", "08", "0x", "1U", "2UL", "3LL", "4ULL", "5Q"),
        4 => "18446744073709551616",
        _ => _rng.Next(100000).ToString(),
    };

    private string StringLiteral()
    {
        var sb = new StringBuilder("\"");
        for (var i = _rng.Next(8); i > 0; i--)
            sb.Append(Pick("a", "b", "Z", " ", "\\n", "\\t", "\\\\", "\\\"", "\\x4", "\\x41", "\\101", "\\0", "\\q", "é", "/", ","));
        return sb.Append('"').ToString();
    }

    private string Reference()
    {
        if (_labels.Count > 0 && Chance(0.7)) return "&" + _labels[_rng.Next(_labels.Count)];
        if (_paths.Count > 0 && Chance(0.6)) return "&{" + _paths[_rng.Next(_paths.Count)] + "}";
        return Pick("&missing", "&{/missing}", "&{/}");
    }

    private void MaybeLabels(double p)
    {
        while (Chance(p)) _sb.Append(Chance(0.1) && _labels.Count > 0 ? _labels[0] : NewLabel()).Append(": ");
    }

    private string NewLabel()
    {
        var l = "l" + _nextLabel++;
        _labels.Add(l);
        return l;
    }

    private string NodeName() => Pick("a", "b", "node", "bus", "cpus", "chosen", "aliases", "__symbols__") +
        (Chance(0.4) ? "@" + Pick("0", "1", "10", "0x1", "1,2", "") : "");

    private string PropertyName() => Pick("p", "q", "reg", "ranges", "compatible", "#address-cells", "#size-cells",
        "status", "phandle", "interrupts", "clocks", "name", "label", "model", "serial0", "x,y");

    private void Indent(int depth) => _sb.Append('\t', depth);

    private bool Chance(double p) => _rng.NextDouble() < p;

    private string Pick(params string[] options) => options[_rng.Next(options.Length)];
}
