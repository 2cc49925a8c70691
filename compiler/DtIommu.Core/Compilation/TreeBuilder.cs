using System;
using System.Collections.Generic;
using Antlr4.Runtime.Tree;
using Antlr4.Runtime;
using DtIommu.Diagnostics;
using DtIommu.Literals;
using DtIommu.Model;
using DtIommu.Sources;
using DtIommu.Syntax.Generated;
using DtIommu.Syntax;
using DtIommu.Text;

namespace DtIommu.Compilation;

/// <summary>
/// Builds the device tree from the DTS parse tree with the meaning dtc's parser actions give it: values with their
/// markers, labels in dtc's order, top-level merges, deletes and overlay fragments, and dtc's parser errors.
/// </summary>
public sealed class TreeBuilder : IDefinitionSink
{
    private readonly SourceLoader _loader;
    private readonly DiagnosticBag _diagnostics;
    private readonly TreeEditor _editor = new();
    private bool _isPlugin;
    private Node? _root;
    private readonly List<ReserveEntry> _reserves = [];

    /// <summary>Creates a builder that resolves <c>/incbin/</c> with <paramref name="loader"/>.</summary>
    public TreeBuilder(SourceLoader loader, DiagnosticBag diagnostics)
    {
        _loader = loader;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// True once a construct was found after which dtc's parser gives up (a property after a subnode):
    /// dtc then says "Unable to parse input tree".
    /// </summary>
    public bool Aborted { get; private set; }

    /// <summary>Builds the tree of a whole source file.</summary>
    public DeviceTree Build(DtsParser.SourceFileContext ctx)
    {
        _isPlugin = ctx.header(0).PLUGIN() != null;

        if (_root == null)
        {
            foreach (var m in ctx.memreserve()) OnMemreserveParsed(m);
            _root = BuildFirstDefinition(ctx.devicetree().firstDefinition());
            foreach (var top in ctx.devicetree().topDefinition())
            {
                if (Aborted) break;
                ApplyTopDefinition(_root, top);
            }
        }
        var root = _root;
        var tree = new DeviceTree(root) { IsPlugin = _isPlugin, FromSource = true };
        tree.Reservations.AddRange(_reserves);
        tree.BootCpuId = BootCpu.Guess(root);
        return tree;
    }

    /// <summary>
    /// Compares the header flags as dtc's right-recursive header rule does once the headers end: each header with
    /// the one after it, from the last pair back, the error spanning the later header and all after it.
    /// </summary>
    public void OnHeadersParsed(DtsParser.SourceFileContext file)
    {
        var headers = file.header();
        var last = headers[headers.Length - 1].Stop;
        for (var i = headers.Length - 2; i >= 0; i--)
        {
            if ((headers[i].PLUGIN() != null) != (headers[i + 1].PLUGIN() != null))
                Error(SyntaxDiagnostics.ParserError, "Header flags don't match earlier ones", Span(headers[i + 1].Start, last));
        }
    }

    /// <summary>
    /// Checks a cell as dtc's parser does when it appends it to the array, right after its last token: a reference
    /// needs 32-bit elements, and a value wider than the elements is truncated with a warning. The value itself is
    /// appended when the property is built.
    /// </summary>
    public void OnCellParsed(DtsParser.ValueChunkContext chunk, DtsToken last)
    {
        var bits = ((DtsToken)chunk.GetChild(0)).Type == DtsParser.BITS
            ? ArrayBits(((DtsToken)chunk.GetChild(1))).Bits
            : 32;
        ulong v;
        SourceSpan span;
        switch (last.Type)
        {
            case DtsParser.LABEL_REF:
            case DtsParser.PATH_REF:
                if (bits != 32) Error(SyntaxDiagnostics.ParserError, "References are only allowed in arrays with 32-bit elements.", last.Span);
                return;
            case DtsParser.LITERAL:
                // Nine characters or fewer cannot exceed 32 bits in any base: most cells need no reading here.
                if (bits >= 32 && last.Length < 10) return;
                v = ReadLiteral(last);
                span = last.Span;
                break;
            case DtsParser.CHAR_LITERAL:
                return;  // a byte fits every element size
            default:
                // LPAREN expr RPAREN; remembered, so building the property reads the value back.
                var expr = (ParserRuleContext)chunk.GetChild(chunk.ChildCount - 2);
                v = Evaluate(expr);
                Remember(expr, v);
                span = Span(((DtsToken)chunk.GetChild(chunk.ChildCount - 3)), last);
                break;
        }
        if (bits >= 64) return;
        var mask = (1UL << bits) - 1;
        // Values whose high bits are all ones are sign-extended negatives and accepted silently.
        if (v > mask && (v | mask) != ulong.MaxValue)
        {
            _diagnostics.Report(SyntaxDiagnostics.ValueTruncated,
                $"Value 0x{v:x16} truncated to 0x{(v & mask).ToString("x" + bits / 4)}", span);
        }
    }

    /// <summary>
    /// Evaluates an operand as dtc's parser reduces it, right after its last token: a literal or parenthesised
    /// expression, the prefix operators applied to it, and a multiplication, division or remainder whose right
    /// operand it is (dtc reports a division by zero there). Other operators wait for a lookahead token in dtc and
    /// cannot fail: they are evaluated when the cell or reservation is.
    /// </summary>
    public void OnOperandParsed(DtsParser.ExprContext operand, DtsToken last)
    {
        var value = Evaluate(operand);
        Remember(operand, value);
        // Enclosing contexts do not list the operand until the parser returns from it.
        DtsParser.ExprContext node = operand;
        while (node.Parent is DtsParser.ExprContext prefix && prefix.ChildCount == 1 && prefix.GetChild(0) is ITerminalNode op
            && op.Symbol.Type is DtsParser.MINUS or DtsParser.TILDE or DtsParser.BANG)
        {
            value = Unary(op.Symbol.Type, value);
            Remember(prefix, value);
            node = prefix;
        }
        if (node.Parent is DtsParser.ExprContext product && product.ChildCount == 2
            && product.GetChild(0) is DtsParser.ExprContext left && product.GetChild(1) is ITerminalNode binary
            && binary.Symbol.Type is DtsParser.STAR or DtsParser.SLASH or DtsParser.PERCENT)
        {
            Remember(product, Binary(product.Start, last, binary.Symbol.Type, Evaluate(left), value));
        }
    }

    private static void Remember(ParserRuleContext ctx, ulong value)
    {
        if (ctx is not DtsParser.ExprContext e) return;
        e.Value = value;
        e.Evaluated = true;
    }

    /// <summary>Evaluates a memory reservation as soon as it is parsed, so its errors come in dtc's order.</summary>
    public void OnMemreserveParsed(DtsParser.MemreserveContext m)
    {
        var prims = m.integerPrim();
        var entry = new ReserveEntry(Evaluate(prims[0]), Evaluate(prims[1]));
        var labels = m.LABEL();
        for (var i = labels.Length - 1; i >= 0; i--) entry.Labels.Add(LabelName(labels[i]));
        _reserves.Add(entry);
    }

    /// <summary>
    /// Builds the root from the first definition as soon as it is parsed; later top-level definitions are applied
    /// one by one as they are parsed, so their errors come before a syntax error further on, as in dtc.
    /// </summary>
    public void OnFirstDefinitionParsed(DtsParser.FirstDefinitionContext first)
    {
        if (first.Parent?.Parent is DtsParser.SourceFileContext file) _isPlugin = file.header(0).PLUGIN() != null;
        _root = BuildFirstDefinition(first);
    }

    /// <summary>Applies one top-level definition (merge, delete, omit) to the root as soon as it is parsed.</summary>
    public void OnTopDefinitionParsed(DtsParser.TopDefinitionContext top)
    {
        if (_root != null && !Aborted) ApplyTopDefinition(_root, top);
    }

    private Node BuildFirstDefinition(DtsParser.FirstDefinitionContext? first)
    {
        Node root;
        switch (first)
        {
            case DtsParser.RootDefinitionContext r:
                root = BuildNode(r.nodeBody(), "");
                break;
            case DtsParser.OrphanDefinitionContext o:
            {
                var reference = RefName(o.dtRef());
                var body = BuildNode(o.nodeBody(), "");
                // The body's parse subtree is gone once built: its span lives on in the node.
                var bodySpan = body.Spans[0];
                if (!_isPlugin)
                    Error(SyntaxDiagnostics.ReferenceNotFound, $"Label or path {reference} not found", bodySpan);
                else if (NodeLookup.IsRelative(reference))
                    Error(SyntaxDiagnostics.ParserError, $"Label-relative reference {reference} not supported in plugin", bodySpan);
                root = new Node("");
                _editor.AddOrphan(root, body, reference);
                break;
            }
            default:
                return new Node("");
        }
        return root;
    }

    private void ApplyTopDefinition(Node root, DtsParser.TopDefinitionContext top)
    {
        switch (top)
        {
            case DtsParser.RootMergeContext m:
                TreeEditor.Merge(root, BuildNode(m.nodeBody(), ""));
                break;
            case DtsParser.LabelledRefMergeContext m:
            {
                var reference = RefName(m.dtRef());
                var body = BuildNode(m.nodeBody(), "");
                var target = NodeLookup.ByRef(root, reference);
                if (_isPlugin && NodeLookup.IsRelative(reference))
                    Error(SyntaxDiagnostics.ParserError, $"Label-relative reference {reference} not supported in plugin", TokenSpan(m.LABEL().Symbol));
                if (target != null)
                {
                    target.Labels.Add(LabelName(m.LABEL()));
                    TreeEditor.Merge(target, body);
                }
                else
                {
                    Error(SyntaxDiagnostics.ReferenceNotFound, $"Label or path {reference} not found", Span(m.dtRef().Start, m.dtRef().Stop));
                }
                break;
            }
            case DtsParser.RefMergeContext m:
            {
                var reference = RefName(m.dtRef());
                var body = BuildNode(m.nodeBody(), "");
                var refSpan = Span(m.dtRef().Start, m.dtRef().Stop);
                if (m.dtRef().PATH_REF() != null && _isPlugin)
                {
                    if (NodeLookup.IsRelative(reference))
                        Error(SyntaxDiagnostics.ParserError, $"Label-relative reference {reference} not supported in plugin", refSpan);
                    _editor.AddOrphan(root, body, reference);
                    break;
                }
                var target = NodeLookup.ByRef(root, reference);
                if (target != null) TreeEditor.Merge(target, body);
                else if (_isPlugin) _editor.AddOrphan(root, body, reference);
                else Error(SyntaxDiagnostics.ReferenceNotFound, $"Label or path {reference} not found", refSpan);
                break;
            }
            case DtsParser.DeleteNodeByRefContext d:
            {
                var reference = RefName(d.dtRef());
                var target = NodeLookup.ByRef(root, reference);
                if (target != null) TreeEditor.DeleteNode(target);
                else Error(SyntaxDiagnostics.ReferenceNotFound, $"Label or path {reference} not found", Span(d.dtRef().Start, d.dtRef().Stop));
                break;
            }
            case DtsParser.OmitNodeByRefContext o:
            {
                var reference = RefName(o.dtRef());
                var target = NodeLookup.ByRef(root, reference);
                if (target != null) target.OmitIfUnused = true;
                else Error(SyntaxDiagnostics.ReferenceNotFound, $"Label or path {reference} not found", Span(o.dtRef().Start, o.dtRef().Stop));
                break;
            }
        }
    }

    /// <summary>
    /// Builds the node of a body as soon as the parser has finished it; the parser then gives the body's parse
    /// subtree out again, so large trees never hold their whole parse tree in memory.
    /// </summary>
    public void OnBodyParsed(DtsParser.NodeBodyContext body) => body.Built = BuildNodeNow(body);

    /// <summary>
    /// Reports dtc's "Properties must precede subnodes" when a property follows a subnode; dtc's parser stops
    /// there, so the caller stops parsing too.
    /// </summary>
    public void OnPropertyParsed(DtsParser.PropertyDefinitionContext property) => property.Built = BuildProperty(property);

    public bool OnMisplacedProperty(DtsParser.PropertyDefinitionContext property)
    {
        if (!FollowsSubnode(property)) return false;
        Error(SyntaxDiagnostics.ParserError, "Properties must precede subnodes", Span(property.Start, property.Stop));
        Aborted = true;
        return true;
    }

    // Members are parsed in order and the parse stops at the first misplaced property, so the one before it decides.
    private static bool FollowsSubnode(DtsParser.PropertyDefinitionContext property)
    {
        if (property.Parent is not DtsParser.NodeBodyContext body || body.children == null) return false;
        // The property just parsed is the body's last member; a search is needed only when building afterwards.
        var at = body.children.Count - 1;
        if (!ReferenceEquals(body.children[at], property)) at = body.children.IndexOf(property);
        return at > 0 && body.children[at - 1] is DtsParser.SubnodeDefinitionContext;
    }

    private Node BuildNode(DtsParser.NodeBodyContext body, string name)
    {
        var node = body.Built ?? BuildNodeNow(body);
        body.Built = null;
        node.Name = name;
        return node;
    }

    private Node BuildNodeNow(DtsParser.NodeBodyContext body)
    {
        var node = new Node("");
        node.Spans.Add(BodySpan(body));
        // Walks the children directly: the generated accessors build a list per call, which adds up on big trees.
        var subnodes = false;
        var count = body.ChildCount;
        for (var index = 0; index < count; index++)
        {
            var c = body.GetChild(index);
            if (c is DtsParser.PropertyDefinitionContext p)
            {
                if (subnodes)
                {
                    // A built property was checked when it was parsed (and has given its tokens back since).
                    if (p.Built == null) OnMisplacedProperty(p);
                    break;
                }
                node.AddProperty(p.Built ?? BuildProperty(p));
                continue;
            }
            if (c is not DtsParser.SubnodeDefinitionContext subnode) continue;
            subnodes = true;
            if (Aborted) break;
            var child = BuildSubnode(subnode);
            // dtc's build_node links only live children to their parent: a /delete-node/ marker that is never
            // merged stays parentless (and shows as "(null)" in dtc's duplicate-name error).
            if (child.IsDeleted) node.Children.Add(child);
            else node.AddChild(child);
        }
        return node;
    }

    private Node BuildSubnode(DtsParser.SubnodeDefinitionContext ctx)
    {
        // Children: (LABEL | OMIT_NO_REF)* then PROPNODENAME nodeBody, or DEL_NODE PROPNODENAME SEMI.
        var count = 0;
        while (count < ctx.ChildCount && ctx.GetChild(count) is DtsToken t && t.Type is DtsParser.LABEL or DtsParser.OMIT_NO_REF) count++;
        Node node;
        if (ctx.DEL_NODE() is { } delete)
        {
            node = new Node(NameText(ctx.PROPNODENAME())) { IsDeleted = true };
            node.Spans.Add(Span(delete.Symbol, ctx.SEMI().Symbol));
        }
        else if (ctx.nodeBody() is { } body)
        {
            node = BuildNode(body, NameText(ctx.PROPNODENAME()));
        }
        else
        {
            return new Node("");
        }
        // dtc applies the innermost prefix first, so labels are added from the last one written.
        for (var i = count - 1; i >= 0; i--)
        {
            var prefix = ((DtsToken)ctx.GetChild(i));
            if (prefix.Type == DtsParser.LABEL) node.Labels.Add(LabelText(prefix));
            else node.OmitIfUnused = true;
        }
        return node;
    }

    private Property BuildProperty(DtsParser.PropertyDefinitionContext ctx)
    {
        // Children: LABEL* then PROPNODENAME (ASSIGN propertyValue)? SEMI, or DEL_PROP PROPNODENAME SEMI. They are
        // read by place: a lookup by token type scans the children once for each token asked for.
        var count = ctx.ChildCount;
        var labels = 0;
        while (labels < count && ctx.GetChild(labels) is DtsToken { Type: DtsParser.LABEL }) labels++;
        // Only a property cut short has no ';' (it is the last child of a complete one).
        if (labels + 2 > count || ctx.GetChild(count - 1) is not DtsToken { Type: DtsParser.SEMI } semi)
            return new Property("", new PropertyValue());
        var head = (DtsToken)ctx.GetChild(labels);
        Property prop;
        if (head.Type == DtsParser.DEL_PROP)
        {
            prop = new Property(NameText((DtsToken)ctx.GetChild(labels + 1)), new PropertyValue()) { IsDeleted = true };
        }
        else
        {
            var value = ctx.GetChild(labels + 2) is DtsParser.PropertyValueContext pv ? BuildValue(pv) : new PropertyValue();
            prop = new Property(NameText(head), value, Span(head, semi));
        }
        // dtc adds the innermost (last written) label first.
        for (var i = labels - 1; i >= 0; i--) prop.Labels.Add(LabelText(((DtsToken)ctx.GetChild(i))));
        return prop;
    }

    private PropertyValue BuildValue(DtsParser.PropertyValueContext ctx)
    {
        var (bytes, markers) = SizeOf(ctx);
        var value = new PropertyValue(bytes, markers);
        var count = ctx.ChildCount;
        for (var index = 0; index < count; index++)
        {
            var child = ctx.GetChild(index);
            if (child is DtsToken label)
            {
                if (label.Type == DtsParser.LABEL) value.AddMarker(MarkerKind.Label, LabelName(label));
                continue;
            }
            if (child is not DtsParser.ValueChunkContext chunk) continue;
            // The chunk's form is told by its first child.
            if (chunk.GetChild(0) is DtsParser.DtRefContext path)
            {
                var reference = RefName(path);
                value.AddMarker(MarkerKind.TypeString, reference);
                value.AddMarker(MarkerKind.RefPath, reference);
                continue;
            }
            switch (((DtsToken)chunk.GetChild(0)).Type)
            {
                case DtsParser.STRING:
                    value.AddMarker(MarkerKind.TypeString);
                    AppendString(value, (DtsToken)chunk.STRING().Symbol);
                    break;
                case DtsParser.BITS:
                case DtsParser.LT:
                    AppendCells(value, chunk);
                    break;
                case DtsParser.LBRACK:
                    value.AddMarker(MarkerKind.TypeUint8);
                    for (var i = 1; i < chunk.ChildCount - 1; i++)
                    {
                        var t = ((DtsToken)chunk.GetChild(i));
                        if (t.Type == DtsParser.LABEL) value.AddMarker(MarkerKind.Label, LabelText(t));
                        else value.AppendByte(ParseHexByte(t.Bytes));
                    }
                    break;
                case DtsParser.INCBIN:
                    AppendIncbin(value, chunk);
                    break;
            }
        }
        return value;
    }

    /// <summary>
    /// At most how many bytes, and exactly how many markers, <see cref="BuildValue"/> gives a value: a value grown a
    /// cell or a character at a time copied itself over and over, a large part of what a board allocates.
    /// </summary>
    private static (int Bytes, int Markers) SizeOf(DtsParser.PropertyValueContext ctx)
    {
        int bytes = 0, markers = 0;
        var count = ctx.ChildCount;
        for (var index = 0; index < count; index++)
        {
            var child = ctx.GetChild(index);
            if (child is DtsToken label)
            {
                if (label.Type == DtsParser.LABEL) markers++;
                continue;
            }
            if (child is not DtsParser.ValueChunkContext chunk) continue;
            if (chunk.GetChild(0) is DtsParser.DtRefContext)
            {
                markers += 2;
                continue;
            }
            var chunkCount = chunk.ChildCount;
            var head = (DtsToken)chunk.GetChild(0);
            switch (head.Type)
            {
                case DtsParser.STRING:
                    markers++;
                    bytes += head.Length - 1;  // escapes only shorten it
                    break;
                case DtsParser.BITS:
                case DtsParser.LT:
                {
                    var first = 1;
                    var size = 4;
                    if (head.Type == DtsParser.BITS)
                    {
                        first = 3;
                        size = ArrayBits(((DtsToken)chunk.GetChild(1))).Bits / 8;
                    }
                    markers++;
                    for (var i = first; i < chunkCount - 1; i++)
                    {
                        var type = ((DtsToken)chunk.GetChild(i)).Type;
                        if (type == DtsParser.LABEL)
                        {
                            markers++;
                            continue;
                        }
                        if (type is DtsParser.LABEL_REF or DtsParser.PATH_REF && size == 4) markers++;
                        if (type == DtsParser.LPAREN) i += 2;
                        bytes += size;
                    }
                    break;
                }
                case DtsParser.LBRACK:
                    markers++;
                    for (var i = 1; i < chunkCount - 1; i++)
                    {
                        if (((DtsToken)chunk.GetChild(i)).Type == DtsParser.LABEL) markers++;
                        else bytes++;
                    }
                    break;
                case DtsParser.INCBIN:
                    markers++;
                    break;
            }
        }
        return (bytes, markers);
    }

    private static void AppendString(PropertyValue value, DtsToken quoted)
    {
        var inner = quoted.Bytes.Slice(1, quoted.Length - 2);
        if (inner.IndexOf((byte)'\\') < 0)
        {
            value.Append(inner);
        }
        else
        {
            foreach (var ch in EscapeDecoder.Decode(quoted.Slice(1, 1))) value.AppendByte((byte)ch);
        }
        value.AppendByte(0);
    }

    private void AppendCells(PropertyValue value, DtsParser.ValueChunkContext c)
    {
        // Children: [BITS LITERAL] LT (LITERAL | CHAR_LITERAL | LPAREN expr RPAREN | LABEL_REF | PATH_REF | LABEL)* GT
        // Cell errors and warnings were reported as each cell was parsed (OnCellParsed); this only appends.
        var bits = 32;
        var type = MarkerKind.TypeUint32;
        var first = 1;
        if (c.BITS() != null)
        {
            first = 3;
            (bits, type) = ArrayBits(((DtsToken)c.GetChild(1)));
        }
        value.AddMarker(type);
        var last = c.ChildCount - 1;
        for (var index = first; index < last; index++)
        {
            var token = ((DtsToken)c.GetChild(index));
            ulong v;
            switch (token.Type)
            {
                case DtsParser.LABEL:
                    value.AddMarker(MarkerKind.Label, LabelText(token));
                    continue;
                case DtsParser.LABEL_REF:
                case DtsParser.PATH_REF:
                    if (bits == 32) value.AddMarker(MarkerKind.RefPhandle, RefName(token));
                    value.AppendInteger(ulong.MaxValue >> (64 - bits), bits);
                    continue;
                case DtsParser.LITERAL:
                    v = ReadLiteral(token);
                    break;
                case DtsParser.CHAR_LITERAL:
                    v = ReadCharLiteral(token);
                    break;
                default:
                    // LPAREN expr RPAREN
                    v = Evaluate((DtsParser.ExprContext)c.GetChild(index + 1));
                    index += 2;
                    break;
            }
            value.AppendInteger(v, bits);
        }
    }

    // An array's element size and type marker; a bad width (reported when "/bits/ N <" was scanned) counts as 32.
    private static (int Bits, MarkerKind Type) ArrayBits(DtsToken width) => ReadLiteral(width) switch
    {
        8 => (8, MarkerKind.TypeUint8),
        16 => (16, MarkerKind.TypeUint16),
        64 => (64, MarkerKind.TypeUint64),
        _ => (32, MarkerKind.TypeUint32),
    };

    /// <summary>Reads an <c>/incbin/</c> file when its chunk is parsed, where dtc reads it (or stops: no such file).</summary>
    public void OnIncbinParsed(DtsParser.ValueChunkContext chunk) => (_included ??= new())[chunk] = Include(chunk);

    // Files read as their chunks were parsed, until their property is built; few properties have one.
    private Dictionary<DtsParser.ValueChunkContext, byte[]>? _included;

    private void AppendIncbin(PropertyValue value, DtsParser.ValueChunkContext i)
    {
        byte[]? bytes = null;
        if (_included != null && _included.TryGetValue(i, out bytes)) _included.Remove(i);
        value.AddMarker(MarkerKind.TypeNone);
        value.Append(bytes ?? Include(i));
    }

    private byte[] Include(DtsParser.ValueChunkContext i)
    {
        var nameToken = (DtsToken)i.STRING().Symbol;
        var name = SourceLoader.AsCName(EscapeDecoder.Decode(nameToken.Slice(1, 1)));
        ulong offset = 0, length = ulong.MaxValue;
        var prims = i.integerPrim();
        if (prims.Length == 2)
        {
            offset = Evaluate(prims[0]);
            length = Evaluate(prims[1]);
        }
        try
        {
            var opened = _loader.OpenRange(name, nameToken.Directory, offset, length)
                ?? throw new FatalCompilationException($"Couldn't open \"{name}\": No such file or directory");
            return opened.Bytes;
        }
        catch (FileSeekException e)
        {
            throw new FatalCompilationException($"Couldn't seek to offset {offset} in \"{name}\": {e.Message}") { EndsLine = false };
        }
    }

    private static byte ParseHexByte(ReadOnlySpan<byte> two) => (byte)(HexDigit(two[0]) << 4 | HexDigit(two[1]));

    private static int HexDigit(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // ------------------------------------------------------------------ integers

    // The scanner already reported malformed literals (LiteralDiagnostics); here they only give their value.
    private static ulong ReadLiteral(DtsToken token) => LiteralDiagnostics.IsNumber(token) ? IntegerLiteral.Parse(token.Bytes).Value : 0;

    private static ulong ReadCharLiteral(DtsToken token)
    {
        var decoded = EscapeDecoder.Decode(token.Slice(1, 1));
        return decoded.Length == 0 ? 0UL : (byte)decoded[0];
    }

    private ulong Evaluate(ParserRuleContext ctx)
    {
        // Post-order over an explicit stack: a sum of 200,000 terms is a parse tree that deep. Every operand is
        // evaluated, the untaken arm of ?: included, because dtc's parser reduces (and so checks) both.
        // Forms (expr and integerPrim alike): LITERAL | CHAR_LITERAL | '(' expr ')' | op expr | expr op expr |
        // expr '?' expr ':' expr, told apart by their children.
        // Operands the parser completed were evaluated then (OnOperandParsed) and are read back, not redone.
        var pending = _pending;
        var values = _values;
        pending.Clear();
        values.Clear();
        pending.Push((ctx, false));
        while (pending.Count > 0)
        {
            var (c, expanded) = pending.Pop();
            if (c is DtsParser.ExprContext { Evaluated: true } known)
            {
                values.Push(known.Value);
                continue;
            }
            var n = c.ChildCount;
            var first = n > 0 ? c.GetChild(0) as ITerminalNode : null;
            if (n == 1 && first != null)
            {
                var token = (DtsToken)first.Symbol;
                var leaf = token.Type switch
                {
                    DtsParser.LITERAL => ReadLiteral(token),
                    DtsParser.CHAR_LITERAL => ReadCharLiteral(token),
                    _ => 0UL,
                };
                Remember(c, leaf);
                values.Push(leaf);
                continue;
            }
            if (n == 3 && first?.Symbol.Type == DtsParser.LPAREN && c.GetChild(1) is ParserRuleContext inner)
            {
                pending.Push((inner, false));
                continue;
            }
            if (!expanded)
            {
                pending.Push((c, true));
                for (var i = n - 1; i >= 0; i--)
                    if (c.GetChild(i) is DtsParser.ExprContext operand) pending.Push((operand, false));
                continue;
            }
            ulong result;
            switch (n)
            {
                case 2 when first != null:
                    result = Unary(first.Symbol.Type, values.Pop());
                    break;
                case 5:
                {
                    var whenFalse = values.Pop();
                    var whenTrue = values.Pop();
                    result = values.Pop() != 0 ? whenTrue : whenFalse;
                    break;
                }
                case 3:
                {
                    var r = values.Pop();
                    var l = values.Pop();
                    result = Binary(c.Start, c.Stop, ((DtsToken)c.GetChild(1)).Type, l, r);
                    break;
                }
                default:
                    result = 0;
                    break;
            }
            Remember(c, result);
            values.Push(result);
        }
        return values.Pop();
    }

    private readonly Stack<(ParserRuleContext Ctx, bool Expanded)> _pending = new();
    private readonly Stack<ulong> _values = new();

    private static ulong Unary(int op, ulong v) => op switch
    {
        DtsParser.MINUS => unchecked(0UL - v),
        DtsParser.TILDE => ~v,
        _ => v == 0 ? 1UL : 0UL,
    };

    private ulong Binary(IToken first, IToken last, int op, ulong l, ulong r)
    {
        switch (op)
        {
            case DtsParser.STAR: return unchecked(l * r);
            case DtsParser.SLASH:
            case DtsParser.PERCENT:
                if (r == 0)
                {
                    Error(SyntaxDiagnostics.ParserError, "Division by zero", Span(first, last));
                    return 0;
                }
                return op == DtsParser.SLASH ? l / r : l % r;
            case DtsParser.PLUS: return unchecked(l + r);
            case DtsParser.MINUS: return unchecked(l - r);
            case DtsParser.LSHIFT: return r < 64 ? l << (int)r : 0;
            case DtsParser.RSHIFT: return r < 64 ? l >> (int)r : 0;
            case DtsParser.LT: return l < r ? 1UL : 0;
            case DtsParser.GT: return l > r ? 1UL : 0;
            case DtsParser.LE: return l <= r ? 1UL : 0;
            case DtsParser.GE: return l >= r ? 1UL : 0;
            case DtsParser.EQ: return l == r ? 1UL : 0;
            case DtsParser.NE: return l != r ? 1UL : 0;
            case DtsParser.AMP: return l & r;
            case DtsParser.CARET: return l ^ r;
            case DtsParser.PIPE: return l | r;
            case DtsParser.AND: return l != 0 && r != 0 ? 1UL : 0;
            case DtsParser.OR: return l != 0 || r != 0 ? 1UL : 0;
            default: return 0;
        }
    }

    // ------------------------------------------------------------------ helpers

    // Names come from the name table: a board spells the same names over and over.
    private readonly NameTable _names = new();

    private string NameText(ITerminalNode name)
    {
        var token = (DtsToken)name.Symbol;
        // A leading backslash only escapes a name that would read as a keyword.
        return Name(token, token.Bytes[0] == '\\' ? 1 : 0, 0);
    }

    private string LabelName(ITerminalNode label) => LabelText(label.Symbol);

    private string LabelText(IToken label) => Name((DtsToken)label, 0, 1);

    private string RefName(DtsParser.DtRefContext ctx) => RefName((DtsToken)ctx.Start);

    private string RefName(DtsToken reference) =>
        reference.Type == DtsParser.PATH_REF ? Name(reference, 2, 1) : Name(reference, 1, 0);

    // The token's characters less head and tail, as the table's string.
    private string Name(DtsToken token, int head, int tail)
    {
        var bytes = token.Bytes;
        return _names.Get(bytes.Slice(head, bytes.Length - head - tail));
    }

    // A built body's first child is its '{' and its last its ';'.
    private static SourceSpan BodySpan(DtsParser.NodeBodyContext body) =>
        Span((DtsToken)body.GetChild(0), (DtsToken)body.GetChild(body.ChildCount - 1));

    private static SourceSpan TokenSpan(IToken token) => ((DtsToken)token).Span;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Span(IToken first, IToken last)
    {
        var a = ((DtsToken)first).Span;
        var b = ((DtsToken)last).Span;
        return new SourceSpan(a.File, a.Line, a.Column, b.EndLine, b.EndColumn);
    }

    private void Error(DiagnosticDescriptor descriptor, string message, SourceSpan span) =>
        _diagnostics.Report(descriptor, message, span);
}
