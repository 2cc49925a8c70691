namespace DtIommu.Writers.Yaml;

/// <summary>
/// Which styles can carry a scalar, as libyaml's <c>yaml_emitter_analyze_scalar</c> decides for an emitter without
/// <c>unicode</c>. Values are byte-per-char strings; dtc only feeds it ASCII, so every char is one UTF-8 unit.
/// </summary>
internal readonly struct YamlScalarAnalysis
{
    public bool Multiline { get; }
    public bool FlowPlainAllowed { get; }
    public bool BlockPlainAllowed { get; }
    public bool SingleQuotedAllowed { get; }

    private YamlScalarAnalysis(bool multiline, bool flowPlain, bool blockPlain, bool singleQuoted)
    {
        Multiline = multiline;
        FlowPlainAllowed = flowPlain;
        BlockPlainAllowed = blockPlain;
        SingleQuotedAllowed = singleQuoted;
    }

    public static YamlScalarAnalysis Of(string value)
    {
        if (value.Length == 0) return new YamlScalarAnalysis(false, false, true, true);

        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;

        if (value.StartsWith("---", System.StringComparison.Ordinal) || value.StartsWith("...", System.StringComparison.Ordinal))
        {
            blockIndicators = true;
            flowIndicators = true;
        }

        var precededByWhitespace = true;
        // libyaml reads one past the end and finds the NUL its event copy carries.
        var followedByWhitespace = IsBlankZ(At(value, 1));
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i == 0)
            {
                if ("#,[]{}&*!|>'\"%@`".IndexOf(c) >= 0)
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }
                if (c == '?' || c == ':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace) blockIndicators = true;
                }
                if (c == '-' && followedByWhitespace)
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }
            else
            {
                if (",?[]{}".IndexOf(c) >= 0) flowIndicators = true;
                if (c == ':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace) blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace)
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }

            if (!IsPrintable(c)) special = true;
            if (IsBreak(c)) lineBreaks = true;

            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == value.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                if (i == 0) leadingBreak = true;
                if (i == value.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = IsBlankZ(c);
            if (i + 1 < value.Length) followedByWhitespace = IsBlankZ(At(value, i + 2));
        }

        bool flowPlain = true, blockPlain = true, singleQuoted = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
        if (breakSpace) flowPlain = blockPlain = singleQuoted = false;
        if (spaceBreak || special) flowPlain = blockPlain = singleQuoted = false;
        if (lineBreaks) flowPlain = blockPlain = false;
        if (flowIndicators) flowPlain = false;
        if (blockIndicators) blockPlain = false;
        return new YamlScalarAnalysis(lineBreaks, flowPlain, blockPlain, singleQuoted);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    /// <summary>libyaml's <c>IS_PRINTABLE</c> on ASCII (anything above is escaped by a non-unicode emitter anyway).</summary>
    public static bool IsPrintable(char c) => c == '\n' || (c >= 0x20 && c <= 0x7e);

    /// <summary>libyaml's <c>IS_BREAK</c> for single bytes.</summary>
    public static bool IsBreak(char c) => c == '\r' || c == '\n';

    private static bool IsBlankZ(char c) => c == ' ' || c == '\t' || IsBreak(c) || c == '\0';
}
