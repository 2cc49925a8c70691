using DtIommu.Syntax.Generated;

namespace DtIommu.Syntax;

/// <summary>
/// Receives each definition the moment the parser completes it, so the tree is built while the source streams
/// through; the tree builder, which sits above the syntax, implements it.
/// </summary>
public interface IDefinitionSink
{
    /// <summary>True once building gave up (an error dtc treats as fatal): nothing more is built or reported.</summary>
    bool Aborted { get; }

    /// <summary>The headers, once the first token after them was read.</summary>
    void OnHeadersParsed(DtsParser.SourceFileContext file);

    /// <summary>A cell of a <c>&lt; &gt;</c> array just completed by <paramref name="last"/>, its last token.</summary>
    void OnCellParsed(DtsParser.ValueChunkContext chunk, DtsToken last);

    /// <summary>An <c>/incbin/</c> value chunk, just completed by its <c>)</c>.</summary>
    void OnIncbinParsed(DtsParser.ValueChunkContext chunk);

    /// <summary>An operand of an expression just completed by <paramref name="last"/>, its last token.</summary>
    void OnOperandParsed(DtsParser.ExprContext operand, DtsToken last);

    /// <summary>A node body with its closing <c>;</c>.</summary>
    void OnBodyParsed(DtsParser.NodeBodyContext body);

    /// <summary>A complete <c>/memreserve/</c>.</summary>
    void OnMemreserveParsed(DtsParser.MemreserveContext memreserve);

    /// <summary>The first definition (the root node, or a plugin's first reference).</summary>
    void OnFirstDefinitionParsed(DtsParser.FirstDefinitionContext first);

    /// <summary>A later top-level definition (a merge, a deletion, an omission).</summary>
    void OnTopDefinitionParsed(DtsParser.TopDefinitionContext top);

    /// <summary>A property definition.</summary>
    void OnPropertyParsed(DtsParser.PropertyDefinitionContext property);

    /// <summary>True when the property follows a subnode, which dtc refuses (the parse stops there).</summary>
    bool OnMisplacedProperty(DtsParser.PropertyDefinitionContext property);
}
