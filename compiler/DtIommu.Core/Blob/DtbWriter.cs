using System.IO;
using System;
using DtIommu.Diagnostics;
using DtIommu.Model;

namespace DtIommu.Blob;

/// <summary>Flattens a device tree into a blob byte for byte as dtc's <c>dt_to_blob</c> does.</summary>
public static class DtbWriter
{
    /// <summary>The blob, plus dtc's "blob size N &gt;= minimum size M" warning text when <c>-S</c> was too small.</summary>
    public static (byte[] Blob, string? SizeWarning) Write(DeviceTree tree, BlobLayoutOptions options)
    {
        var vi = BlobVersion.Find(options.Version)
            ?? throw new FatalCompilationException($"Unknown device tree blob version {options.Version}");
        var strings = new StringTableBuilder();
        // Sized once from the tree: doubling from a small buffer would allocate about twice the block.
        var structure = new BigEndianBuffer(StructureBound(tree.Root, vi));
        Flatten(tree.Root, structure, strings, vi);
        structure.WriteUInt32(FdtTokens.End);

        var reserves = new BigEndianBuffer();
        foreach (var re in tree.Reservations)
        {
            reserves.WriteUInt64(re.Address);
            reserves.WriteUInt64(re.Size);
        }
        for (var j = 0; j < options.ReserveSlots; j++)
        {
            reserves.WriteUInt64(0);
            reserves.WriteUInt64(0);
        }

        var reserveOffset = Align(vi.HeaderSize, 8);
        var reserveSize = reserves.Length + 16;
        var structOffset = reserveOffset + reserveSize;
        var stringsOffset = structOffset + structure.Length;
        var totalSize = stringsOffset + strings.Length;

        string? warning = null;
        var padLength = 0;
        if (options.MinimumSize > 0)
        {
            padLength = options.MinimumSize - totalSize;
            if (padLength < 0)
            {
                padLength = 0;
                warning = $"Warning: blob size {totalSize} >= minimum size {options.MinimumSize}";
            }
        }
        if (options.Padding > 0) padLength = options.Padding;
        if (options.Alignment > 0) padLength = Align(totalSize + padLength, options.Alignment) - totalSize;
        if (padLength > 0) totalSize += padLength;

        var header = new BigEndianBuffer();
        header.WriteUInt32(FdtTokens.Magic);
        header.WriteUInt32((uint)totalSize);
        header.WriteUInt32((uint)structOffset);
        header.WriteUInt32((uint)stringsOffset);
        header.WriteUInt32((uint)reserveOffset);
        header.WriteUInt32((uint)vi.Version);
        header.WriteUInt32((uint)vi.LastCompatibleVersion);
        header.WriteUInt32(tree.BootCpuId);
        header.WriteUInt32((uint)strings.Length);
        header.WriteUInt32((uint)structure.Length);

        var blob = new byte[totalSize];
        Array.Copy(header.Buffer, 0, blob, 0, vi.HeaderSize);
        Array.Copy(reserves.Buffer, 0, blob, reserveOffset, reserves.Length);
        Array.Copy(structure.Buffer, 0, blob, structOffset, structure.Length);
        var stringBytes = strings.ToArray();
        Array.Copy(stringBytes, 0, blob, stringsOffset, stringBytes.Length);
        return (blob, warning);
    }

    private static void Flatten(Node node, BigEndianBuffer dt, StringTableBuilder strings, BlobVersion vi)
    {
        if (node.IsDeleted) return;
        dt.WriteUInt32(FdtTokens.BeginNode);
        dt.WriteNulTerminated(vi.FullPathNames ? node.FullPath : node.Name);
        dt.AlignTo(4);

        var seenName = false;
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
        {
            var prop = props[i];
            if (prop.IsDeleted) continue;
            if (prop.Name == "name") seenName = true;
            var nameOffset = strings.Insert(prop.Name);
            dt.WriteUInt32(FdtTokens.Prop);
            dt.WriteUInt32((uint)prop.Value.Length);
            dt.WriteUInt32((uint)nameOffset);
            if (vi.VariableAlignment && prop.Value.Length >= 8) dt.AlignTo(8);
            dt.Write(prop.Value.Bytes);
            dt.AlignTo(4);
        }

        if (vi.NameProperties && !seenName)
        {
            var baseName = node.BaseName;
            dt.WriteUInt32(FdtTokens.Prop);
            dt.WriteUInt32((uint)(baseName.Length + 1));
            dt.WriteUInt32((uint)strings.Insert("name"));
            if (vi.VariableAlignment && baseName.Length + 1 >= 8) dt.AlignTo(8);
            dt.WriteNulTerminated(baseName);
            dt.AlignTo(4);
        }

        var children = node.Children;
        for (var i = 0; i < children.Count; i++)
            Flatten(children[i], dt, strings, vi);

        dt.WriteUInt32(FdtTokens.EndNode);
    }

    /// <summary>At least the bytes <see cref="Flatten"/> writes for <paramref name="node"/> (alignment padding included).</summary>
    private static int StructureBound(Node node, BlobVersion vi)
    {
        if (node.IsDeleted) return 0;
        // BEGIN_NODE, name with NUL and padding, END_NODE; a possible "name" property; END after the root.
        var size = 16 + (vi.FullPathNames ? node.FullPath.Length : node.Name.Length) + (vi.NameProperties ? 24 + node.Name.Length : 0);
        var props = node.Properties;
        for (var i = 0; i < props.Count; i++)
            if (!props[i].IsDeleted) size += 12 + 8 + props[i].Value.Length;
        var children = node.Children;
        for (var i = 0; i < children.Count; i++) size += StructureBound(children[i], vi);
        return size;
    }

    private static int Align(int x, int a) => (x + a - 1) & ~(a - 1);
}
