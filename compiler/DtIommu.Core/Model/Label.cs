namespace DtIommu.Model;

/// <summary>A label on a node, property or memreserve entry; deleted labels keep their slot and may be revived.</summary>
public sealed class Label
{
    /// <summary>Creates a live label.</summary>
    public Label(string name) => Name = name;

    /// <summary>The label's identifier.</summary>
    public string Name { get; }

    /// <summary>True after the labelled object was deleted.</summary>
    public bool IsDeleted { get; set; }
}
