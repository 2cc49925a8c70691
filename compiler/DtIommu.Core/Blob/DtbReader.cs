using System.Collections.Generic;
using DtIommu.Diagnostics;
using DtIommu.Model;
using DtIommu.Sources;

namespace DtIommu.Blob;

/// <summary>
/// Reads a flattened device tree blob into the same model the DTS front end builds. Every offset, size and string
/// is bounds-checked; a malformed blob ends in a <see cref="FatalCompilationException"/> with dtc's message, never
/// in an out-of-range read, a loop or a stack overflow (nesting is walked with an explicit stack).
/// </summary>
public static class DtbReader
{
    /// <summary>Smallest header dtc accepts (version 1).</summary>
    public const int V1HeaderSize = 28;

    /// <summary>Messages dtc prints as warnings while reading (NOP in old blobs, properties after subnodes).</summary>
    public sealed record ReadResult(DeviceTree Tree, IReadOnlyList<string> Warnings);

    /// <summary>Reads <paramref name="blob"/> (dtc's messages name no file, so neither do ours).</summary>
    public static DeviceTree Read(byte[] blob) => ReadWithWarnings(blob).Tree;

    /// <summary>Reads <paramref name="blob"/> and also returns dtc's reading warnings.</summary>
    public static ReadResult ReadWithWarnings(byte[] blob) => ReadWithWarnings(blob, new List<string>());

    /// <summary>
    /// As <see cref="ReadWithWarnings(byte[])"/>, adding the warnings to <paramref name="warnings"/> as they arise, so
    /// a caller keeps those dtc prints before it dies on a later defect.
    /// </summary>
    public static ReadResult ReadWithWarnings(byte[] blob, List<string> warnings)
    {
        if (blob.Length < 4) throw new FatalCompilationException("EOF reading DT blob magic number");
        if (BigEndian.U32(blob, 0) != FdtTokens.Magic) throw new FatalCompilationException("Blob has incorrect magic number");
        if (blob.Length < 8) throw new FatalCompilationException("EOF reading DT blob size");
        var totalSize = BigEndian.U32(blob, 4);
        if (totalSize < V1HeaderSize) throw new FatalCompilationException($"DT blob size ({(int)totalSize}) is too small");
        // dtc reads the rest into a buffer of that size with an int count: from 2 GB + 8 the count is negative, the
        // read's size_t huge, and the kernel refuses it (EFAULT) before the short file shows.
        if (totalSize >= 0x80000008u && totalSize > (uint)blob.Length) throw new FatalCompilationException("Error reading DT blob: Bad address");
        // dtc prints the size with %d: a size of 2 GB or more comes out negative.
        if (totalSize > (uint)blob.Length) throw new FatalCompilationException($"EOF before reading {(int)totalSize} bytes of DT blob");
        var limit = (int)totalSize;

        var offStruct = BigEndian.U32(blob, 8);
        var offStrings = BigEndian.U32(blob, 12);
        var offReserve = BigEndian.U32(blob, 16);
        var version = BigEndian.U32(blob, 20);
        // dtc reads these header words even from a version-1 header; a 28-byte blob has none of them.
        var bootCpu = limit >= 32 ? BigEndian.U32(blob, 28) : 0xffffffffu;

        if (offReserve >= totalSize) throw new FatalCompilationException("Mem Reserve structure offset exceeds total size");
        if (offStruct >= totalSize) throw new FatalCompilationException("DT structure offset exceeds total size");
        if (offStrings > totalSize) throw new FatalCompilationException("String table offset exceeds total size");

        long stringsEnd = totalSize;
        if (version >= 3)
        {
            if (limit < 36) throw new FatalCompilationException("Premature end of data parsing flat device tree");
            var sizeStrings = BigEndian.U32(blob, 32);
            if ((long)offStrings + sizeStrings > totalSize) throw new FatalCompilationException("String table extends past total size");
            stringsEnd = (long)offStrings + sizeStrings;
        }
        if (version >= 17)
        {
            if (limit < 40) throw new FatalCompilationException("Premature end of data parsing flat device tree");
            var sizeStruct = BigEndian.U32(blob, 36);
            if ((long)offStruct + sizeStruct > totalSize) throw new FatalCompilationException("Structure block extends past total size");
        }
        var oldFormat = version < 16;

        var tree = new DeviceTree(new Node(""));
        tree.BootCpuId = bootCpu;
        ReadReserves(blob, (int)offReserve, limit, tree);

        var reader = new Cursor(blob, (int)offStruct, limit);
        var strings = new StringTable(blob, (int)offStrings, (int)stringsEnd);
        var first = reader.Word();
        if (first != FdtTokens.BeginNode)
            throw new FatalCompilationException($"Device tree blob doesn't begin with FDT_BEGIN_NODE (begins with 0x{first:x8})");
        tree.Root = ReadNodes(reader, strings, oldFormat, warnings);
        if (reader.Word() != FdtTokens.End) throw new FatalCompilationException("Device tree blob doesn't end with FDT_END");
        return new ReadResult(tree, warnings);
    }

    private static void ReadReserves(byte[] blob, int offset, int limit, DeviceTree tree)
    {
        for (var p = offset; ; p += 16)
        {
            if (p + 16 > limit) throw new FatalCompilationException("Premature end of data parsing flat device tree");
            var address = BigEndian.U64(blob, p);
            var size = BigEndian.U64(blob, p + 8);
            if (size == 0) break;
            tree.Reservations.Add(new ReserveEntry(address, size));
        }
    }

    private static Node ReadNodes(Cursor reader, StringTable strings, bool oldFormat, List<string> warnings)
    {
        // Each frame is a node whose body is being read, with its flat name (a full path in old blobs).
        var stack = new Stack<(Node Node, string FlatName)>();
        var rootFlat = reader.String();
        var root = new Node(oldFormat ? NameFromPath("", rootFlat) : rootFlat);
        stack.Push((root, rootFlat));
        while (stack.Count > 0)
        {
            var (node, flatName) = stack.Peek();
            var token = reader.Word();
            switch (token)
            {
                case FdtTokens.Prop:
                {
                    if (node.Children.Count > 0)
                        warnings.Add("Warning: Flat tree input has subnodes preceding a property.");
                    var length = reader.Word();
                    var nameOffset = reader.Word();
                    var name = strings.Get(nameOffset);
                    if (oldFormat && length >= 8) reader.Align(8);
                    var value = reader.Bytes(length);
                    node.AddProperty(new Property(name, new PropertyValue(value)));
                    break;
                }
                case FdtTokens.BeginNode:
                {
                    var childFlat = reader.String();
                    var child = new Node(oldFormat ? NameFromPath(flatName, childFlat) : childFlat);
                    node.AddChild(child);
                    stack.Push((child, childFlat));
                    break;
                }
                case FdtTokens.EndNode:
                    stack.Pop();
                    break;
                case FdtTokens.End:
                    throw new FatalCompilationException("Premature FDT_END in device tree blob");
                case FdtTokens.Nop:
                    if (oldFormat) warnings.Add("Warning: NOP tag found in flat tree version <16");
                    break;
                default:
                    throw new FatalCompilationException($"Invalid opcode word {token:x8} in device tree blob");
            }
        }
        return root;
    }

    private static string NameFromPath(string parentPath, string childPath)
    {
        if (!childPath.StartsWith(parentPath, System.StringComparison.Ordinal))
            throw new FatalCompilationException($"Path \"{childPath}\" is not valid as a child of \"{parentPath}\"");
        var skip = parentPath.Length;
        if (parentPath != "/" ) skip++;
        return skip >= childPath.Length ? "" : childPath.Substring(skip);
    }

    /// <summary>A bounds-checked reader over the structure block.</summary>
    private sealed class Cursor
    {
        private readonly byte[] blob;
        private readonly int start;
        private readonly int limit;
        private int _pos;

        public Cursor(byte[] blob, int start, int limit)
        {
            this.blob = blob;
            this.start = start;
            this.limit = limit;
            _pos = start;
        }

        public uint Word()
        {
            if (_pos + 4 > limit) throw Premature();
            var v = BigEndian.U32(blob, _pos);
            _pos += 4;
            return v;
        }

        public string String()
        {
            var p = _pos;
            while (true)
            {
                if (p >= limit) throw Premature();
                if (blob[p] == 0) break;
                p++;
            }
            var s = Latin1.GetString(blob, _pos, p - _pos);
            _pos = p + 1;
            Align(4);
            return s;
        }

        public byte[] Bytes(uint length)
        {
            if (length == 0) return [];
            if (length > (uint)(limit - _pos)) throw Premature();
            var bytes = new byte[length];
            System.Array.Copy(blob, _pos, bytes, 0, (int)length);
            _pos += (int)length;
            Align(4);
            return bytes;
        }

        public void Align(int alignment)
        {
            var off = _pos - start;
            var aligned = (off + alignment - 1) & ~(alignment - 1);
            _pos = start + aligned;
            if (_pos > limit) throw Premature();
        }

        private static FatalCompilationException Premature() =>
            new("Premature end of data parsing flat device tree");
    }

    /// <summary>Names from the strings block, checked against its bounds.</summary>
    private sealed class StringTable(byte[] blob, int start, int end)
    {
        private readonly Dictionary<uint, string> _cache = [];

        public string Get(uint offset)
        {
            if (_cache.TryGetValue(offset, out var s)) return s;
            var p = (long)start + offset;
            var q = p;
            while (true)
            {
                if (q >= end || q < start) throw new FatalCompilationException($"String offset {(int)offset} overruns string table");
                if (blob[q] == 0) break;
                q++;
            }
            s = Latin1.GetString(blob, (int)p, (int)(q - p));
            _cache[offset] = s;
            return s;
        }
    }
}
