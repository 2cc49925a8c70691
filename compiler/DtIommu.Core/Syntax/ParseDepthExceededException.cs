using System;

namespace DtIommu.Syntax;

/// <summary>The input nests deeper than dtc's parser stack allows; raised at the token where dtc gives up.</summary>
internal sealed class ParseDepthExceededException : Exception
{
    public ParseDepthExceededException(DtsToken token) : base("memory exhausted") => Token = token;

    /// <summary>The token on which the stack overflowed.</summary>
    public DtsToken Token { get; }
}
