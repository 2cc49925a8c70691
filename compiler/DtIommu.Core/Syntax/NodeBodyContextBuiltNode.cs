using DtIommu.Model;

namespace DtIommu.Syntax.Generated;

public partial class DtsParser
{
    public partial class NodeBodyContext
    {
        /// <summary>The node built from this body as soon as it was parsed (its subtree is dropped then).</summary>
        internal Node? Built;

        /// <inheritdoc/>
        protected override void Forget() => Built = null;
    }

    public partial class PropertyDefinitionContext
    {
        /// <summary>
        /// The property built as soon as it was parsed: its value errors then come out when dtc's parser reports
        /// them, before a syntax error later in the same node.
        /// </summary>
        internal Property? Built;

        /// <inheritdoc/>
        protected override void Forget() => Built = null;
    }

    public partial class ExprContext
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
}
