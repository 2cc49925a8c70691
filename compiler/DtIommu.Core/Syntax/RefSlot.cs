namespace DtIommu.Syntax;

/// <summary>
/// One reference in a struct, for arrays written on every token or rule: an array of a type others derive from (or
/// of an interface) checks the type of each element stored, an array of these structs does not.
/// </summary>
internal struct RefSlot<T> where T : class
{
    /// <summary>The reference held, or null.</summary>
    public T? Item;
}
