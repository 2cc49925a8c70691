namespace DtIommu.Preprocessing;

/// <summary>An <c>#if</c> value: cpp computes in intmax_t or uintmax_t, both 64 bits here.</summary>
internal readonly struct PpValue
{
    public PpValue(long value, bool unsigned)
    {
        Value = value;
        Unsigned = unsigned;
    }

    public long Value { get; }

    public bool Unsigned { get; }

    public bool IsZero => Value == 0;

    public static PpValue Signed(long v) => new(v, false);

    public static PpValue Bool(bool b) => new(b ? 1 : 0, false);
}
