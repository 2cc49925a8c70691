using DtIommu.Model;

namespace DtIommu.Syntax.Generated;

public partial class DtsParser
{
    public partial class NodeBodyContext
    {
        /// <summary>The node built from this body as soon as it was parsed (its subtree is dropped then).</summary>
        internal Node? Built;
    }

    public partial class PropertyDefinitionContext
    {
        /// <summary>
        /// The property built as soon as it was parsed: its value errors then come out when dtc's parser reports
        /// them, before a syntax error later in the same node.
        /// </summary>
        internal Property? Built;
    }
}
