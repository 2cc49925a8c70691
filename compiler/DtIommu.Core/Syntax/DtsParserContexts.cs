using DtIommu.Model;

namespace DtIommu.Syntax.Generated;

// The contexts of the rules with no labelled alternatives, so nothing derives from them: sealed,
// a type test on one (the builder, the listener and the recycler make several per token) is a compare of the type
// handle rather than a call that walks the base types.
public partial class DtsParser
{
    public sealed partial class NodeBodyContext
    {
        /// <summary>The node built from this body as soon as it was parsed (its subtree is dropped then).</summary>
        internal Node? Built;

        /// <inheritdoc/>
        protected override void Forget() => Built = null;
    }

    public sealed partial class PropertyDefinitionContext
    {
        /// <summary>
        /// The property built as soon as it was parsed: its value errors then come out when dtc's parser reports
        /// them, before a syntax error later in the same node.
        /// </summary>
        internal Property? Built;

        /// <inheritdoc/>
        protected override void Forget() => Built = null;
    }

    public sealed partial class ExprContext
    {
        /// <summary>
        /// The value, once evaluated: operands are evaluated as the parser completes them (dtc reports a division
        /// by zero then), and the cell or reservation that holds the expression reads the result later.
        /// </summary>
        internal ulong Value;

        /// <summary>True once <see cref="Value"/> is set (and its errors reported).</summary>
        internal bool Evaluated;

        /// <inheritdoc/>
        protected override void Forget()
        {
            op = null!;
            Value = 0;
            Evaluated = false;
        }
    }

    public sealed partial class SourceFileContext;

    public sealed partial class HeaderContext;

    public sealed partial class MemreserveContext;

    public sealed partial class DevicetreeContext;

    public sealed partial class SubnodeDefinitionContext;

    public sealed partial class PropertyValueContext;

    public sealed partial class ValueChunkContext;

    public sealed partial class DtRefContext;

    public sealed partial class IntegerPrimContext;
}
