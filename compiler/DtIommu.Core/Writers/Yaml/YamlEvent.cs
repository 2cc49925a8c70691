namespace DtIommu.Writers.Yaml;

/// <summary>The kinds of libyaml emitter event that dtc's YAML output produces.</summary>
internal enum YamlEventKind
{
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    Scalar,
}

/// <summary>How a scalar or collection asks to be written (libyaml's style enums, merged).</summary>
internal enum YamlStyle
{
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Flow,
}

/// <summary>
/// One libyaml event: <paramref name="Tag"/> is shown only when the implicit flags allow the style chosen, exactly as
/// libyaml decides; for collections <paramref name="PlainImplicit"/> is libyaml's single <c>implicit</c> flag.
/// </summary>
internal sealed record YamlEvent(
    YamlEventKind Kind,
    string? Tag = null,
    string? Value = null,
    bool PlainImplicit = true,
    bool QuotedImplicit = true,
    YamlStyle Style = YamlStyle.Any)
{
    public static YamlEvent Scalar(string tag, string value, bool plainImplicit, bool quotedImplicit, YamlStyle style) =>
        new(YamlEventKind.Scalar, tag, value, plainImplicit, quotedImplicit, style);

    public static YamlEvent SequenceStart(string tag, bool implicitTag, YamlStyle style) =>
        new(YamlEventKind.SequenceStart, tag, null, implicitTag, implicitTag, style);

    public static YamlEvent MappingStart(string tag) => new(YamlEventKind.MappingStart, tag);

    public static readonly YamlEvent SequenceEnd = new(YamlEventKind.SequenceEnd);
    public static readonly YamlEvent MappingEnd = new(YamlEventKind.MappingEnd);
}
