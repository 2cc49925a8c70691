namespace DtIommu.Model;

/// <summary>
/// Inserts a marker into a value keeping dtc's invariants (offsets ascending; at most one type marker per offset,
/// placed before the others; no duplicate of the same kind at one offset), as dtc's <c>property_add_marker</c>.
/// </summary>
public static class MarkerInserter
{
    /// <summary>Adds the marker unless an equal-kind marker already sits at that offset.</summary>
    public static void Add(PropertyValue value, MarkerKind kind, int offset, string? reference)
    {
        var markers = value.Markers;
        var i = 0;
        while (i < markers.Length && markers[i].Offset < offset) i++;
        if (i < markers.Length && markers[i].Offset == offset && markers[i].Kind.IsType())
        {
            if (kind.IsType()) return;
            i++;
        }
        if (i < markers.Length && markers[i].Offset == offset && markers[i].Kind == kind) return;
        value.InsertMarkerAt(i, new Marker(kind, offset, reference));
    }
}
