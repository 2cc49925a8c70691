using DtIommu.Model;

namespace DtIommu.Syntax.Generated;

public partial class DtsParser
{
    public partial class NodeBodyContext
    {
        /// <summary>The node built from this body as soon as it was parsed (its subtree is dropped then).</summary>
        internal Node? Built;
    }
}
