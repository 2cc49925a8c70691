using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>
/// A 64-bit summary of which property names a node has, so that a check interested only in nodes with certain
/// properties can skip the others without touching their property objects (a 100k-node tree does not fit in the
/// cache, and 89 walks over every property would dominate the run). Bits are a superset: a set bit may be a hash
/// collision or a deleted property, so bodies still look properties up exactly.
/// </summary>
internal static class NodeFilter
{
    /// <summary>Some property or position in a value has a label.</summary>
    public const ulong PropertyLabel = 1UL << 59;

    /// <summary>Some property name looks like a GPIO reference (<c>*-gpio(s)</c>).</summary>
    public const ulong GpioLike = 1UL << 60;

    /// <summary>Some property name ends in <c>-names</c>.</summary>
    public const ulong NamesList = 1UL << 61;

    /// <summary>Some value holds a phandle reference marker.</summary>
    public const ulong PhandleRef = 1UL << 62;

    /// <summary>Some value holds a path reference marker.</summary>
    public const ulong PathRef = 1UL << 63;

    // The property names that checks filter on get one exact bit each (0-58), assigned as the check table is built.
    private static readonly System.Collections.Generic.Dictionary<string, ulong> Known = new(System.StringComparer.Ordinal);

    /// <summary>The bit of a property name a check filters on, assigning one on first use.</summary>
    public static ulong Register(string name)
    {
        lock (Known)
        {
            if (Known.TryGetValue(name, out var bit)) return bit;
            if (Known.Count >= 59) throw new System.InvalidOperationException("too many filtered property names");
            bit = 1UL << Known.Count;
            Known[name] = bit;
            return bit;
        }
    }

    /// <summary>The bit of a filtered property name, 0 for names no check filters on.</summary>
    public static ulong Bit(string name) => Known.TryGetValue(name, out var bit) ? bit : 0;

    /// <summary>Registers <paramref name="names"/> and returns their bits.</summary>
    public static ulong Bits(params string[] names)
    {
        ulong mask = 0;
        foreach (var n in names) mask |= Register(n);
        return mask;
    }

    /// <summary>A 64-bit hash bit of any name, for the approximate name-clash and duplicate summaries.</summary>
    public static ulong HashBit(string name)
    {
        var h = 5381u;
        foreach (var c in name) h = h * 33 + c;
        return 1UL << (int)(h & 63);
    }

    /// <summary>
    /// The hash-bit summary of every property name of a node, and whether two of them share a bit (two names may
    /// then be the same), in one pass over the names.
    /// </summary>
    public static ulong HashOf(Node node, out bool maybeDuplicate)
    {
        ulong mask = 0;
        maybeDuplicate = false;
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var bit = HashBit(props[i].Name);
            if ((mask & bit) != 0) maybeDuplicate = true;
            mask |= bit;
        }
        return mask;
    }

    /// <summary>The summary of all of a node's properties, deleted ones included.</summary>
    public static ulong Of(Node node)
    {
        ulong mask = 0;
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var p = props[i];
            var name = p.Name;
            mask |= Bit(name);
            var n = name.Length;
            if (n >= 4 && (name[n - 1] == 's' || name[n - 1] == 'o') && name.IndexOf("gpio", System.StringComparison.Ordinal) >= 0) mask |= GpioLike;
            if (n >= 6 && name[n - 1] == 's' && Dtc.EndsWith(name, "-names")) mask |= NamesList;
            if (p.HasLabels) mask |= PropertyLabel;
            var markers = p.Value.Markers;
            for (var m = 0; m < markers.Length; m++)
            {
                switch (markers[m].Kind)
                {
                    case MarkerKind.RefPhandle: mask |= PhandleRef; break;
                    case MarkerKind.RefPath: mask |= PathRef; break;
                    case MarkerKind.Label: mask |= PropertyLabel; break;
                }
            }
        }
        return mask;
    }

    /// <summary>Node-level facts computed once per walk order, for checks that act only on some nodes.</summary>
    [System.Flags]
    public enum Flags : uint
    {
        None = 0,
        NameChars = 1 << 0,
        NameCharsStrict = 1 << 1,
        MultipleAt = 1 << 2,
        HasUnit = 1 << 3,
        NameClash = 1 << 4,
        Chosen = 1 << 5,
        Aliases = 1 << 6,
        I2cName = 1 << 7,
        SpiCandidate = 1 << 8,
        EndpointChild = 1 << 9,
        ParentEndpointChild = 1 << 10,
        Root = 1 << 11,
        Omit = 1 << 12,
        ManyChildren = 1 << 13,
        MaybeDuplicateProperty = 1 << 14,
        Labelled = 1 << 15,
        ParentDeviceType = 1 << 16,
        ParentI2cName = 1 << 17,
        ParentSpiCandidate = 1 << 18,
        ParentCompatible = 1 << 19,
        EmptyBaseName = 1 << 20,
    }

    private static readonly ulong AddressCellsBit = Register("#address-cells");
    private static readonly ulong CompatibleBit = Register("compatible");
    private static readonly ulong DeviceTypeBit = Register("device_type");

    /// <summary>
    /// The flags of <paramref name="node"/>, given its property summary, whether <see cref="HashOf"/> saw two names
    /// share a bit, and its parent's flags and summaries.
    /// </summary>
    public static Flags FlagsOf(Node node, ulong mask, bool maybeDuplicate, Node? parent, Flags parentFlags, ulong parentMask, ulong parentHashes)
    {
        var f = Flags.None;
        var name = node.Name;
        if (Dtc.Span(name, StructureChecks.NodeChars) < name.Length) f |= Flags.NameChars;
        var at = name.IndexOf('@');
        if (Dtc.Span(name, StructureChecks.StrictChars) < (at < 0 ? name.Length : at)) f |= Flags.NameCharsStrict;
        if (at >= 0 && name.IndexOf('@', at + 1) >= 0) f |= Flags.MultipleAt;
        if (Dtc.HasUnitAddress(node)) f |= Flags.HasUnit;
        if (parent == null) f |= Flags.Root;
        else if (name.Length == 0 || name[0] == '@') f |= Flags.EmptyBaseName;
        else if ((parentHashes & HashBit(name)) != 0) f |= Flags.NameClash;
        if (name == "chosen") f |= Flags.Chosen;
        if (name == "aliases") f |= Flags.Aliases;
        if (Dtc.BaseNameIs(node, "i2c") || Dtc.BaseNameIs(node, "i2c-bus") || Dtc.BaseNameIs(node, "i2c-arb")) f |= Flags.I2cName;
        if (Dtc.BaseNameIs(node, "spi") || (mask & AddressCellsBit) != 0) f |= Flags.SpiCandidate;
        if (node.OmitIfUnused) f |= Flags.Omit;
        if (node.Children.Count >= 2) f |= Flags.ManyChildren;
        if (node.HasLabels) f |= Flags.Labelled;
        if (HasEndpointChild(node)) f |= Flags.EndpointChild;
        if ((parentFlags & Flags.EndpointChild) != 0) f |= Flags.ParentEndpointChild;
        if ((parentFlags & Flags.I2cName) != 0) f |= Flags.ParentI2cName;
        if ((parentFlags & Flags.SpiCandidate) != 0) f |= Flags.ParentSpiCandidate;
        if ((parentMask & CompatibleBit) != 0) f |= Flags.ParentCompatible;
        if ((parentMask & DeviceTypeBit) != 0) f |= Flags.ParentDeviceType;
        if (maybeDuplicate) f |= Flags.MaybeDuplicateProperty;
        return f;
    }

    private static bool HasEndpointChild(Node node)
    {
        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var c = children[i];
            if (!c.IsDeleted && (Dtc.BaseNameIs(c, "endpoint") || c.GetProperty("remote-endpoint") != null)) return true;
        }
        return false;
    }
}
