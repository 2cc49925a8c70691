using Antlr4.Runtime;
using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// The DTS parser with <see cref="NodeBodyListener"/> called straight from rule exit. Registered as an ANTLR parse
/// listener it would make the runtime walk its listener list (allocating an enumerator) on every token and every
/// rule entry, though only rule exits matter to it; this calls it exactly where the runtime would.
/// </summary>
internal sealed class BodyBuildingParser : DtsParser
{
    private readonly NodeBodyListener _listener;

    public BodyBuildingParser(ITokenStream input, NodeBodyListener listener) : base(input) => _listener = listener;

    /// <inheritdoc/>
    public override void ExitRule()
    {
        // As Parser.ExitRule does before it notifies listeners: the rule's last token is known by then.
        Context.Stop = TokenStream.LT(-1);
        _listener.ExitEveryRule(Context);
        base.ExitRule();
    }
}
