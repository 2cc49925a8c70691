namespace DtIommu.Syntax;

/// <summary>dtc's scanner start conditions.</summary>
public enum ScanMode
{
    /// <summary>Before <c>/dts-v1/</c> (dtc's INITIAL state): no numbers yet, a word is a label or single characters.</summary>
    Initial,

    /// <summary>Values: numbers, strings, references, operators (dtc's V1 state).</summary>
    Value,

    /// <summary>After <c>{</c>, <c>;</c> and the deleting keywords: the next word is a node or property name.</summary>
    PropNodeName,

    /// <summary>Inside <c>[ ]</c>: two hex digits make one byte.</summary>
    ByteString,
}
