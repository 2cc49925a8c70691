using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Antlr4.Runtime.Tree;

namespace DtIommu.Syntax;

/// <summary>
/// The children of a parse-tree context in an array of one-field structs. Contexts inside node bodies get their list
/// back from <see cref="ParseTreeRecycler"/>, array and all, so the array costs nothing after the first few
/// properties. A struct slot is stored without the covariance check an <see cref="IParseTree"/> array needs, and an
/// indexed read is a plain load, where the earlier four inline fields were a jump table the reads mispredicted.
/// </summary>
internal sealed class ChildList : IList<IParseTree>
{
    private struct Slot
    {
        public IParseTree? Tree;
    }

    private Slot[] _items = new Slot[4];
    private int _count;

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public IParseTree this[int index]
    {
        get
        {
            // The throw is out of line, so that a read is small enough to be inlined where it is made.
            if ((uint)index >= (uint)_count) ThrowOutOfRange(index);
            return _items[index].Tree!;
        }
        set
        {
            if ((uint)index >= (uint)_count) ThrowOutOfRange(index);
            _items[index].Tree = value;
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, null);

    private void Set(int index, IParseTree? value) => _items[index].Tree = value;

    /// <inheritdoc/>
    public void Add(IParseTree item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count++].Tree = item;
    }

    /// <inheritdoc/>
    public void Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)_count) ThrowOutOfRange(index);
        Add(item);
        for (var i = _count - 1; i > index; i--) Set(i, this[i - 1]);
        Set(index, item);
    }

    /// <inheritdoc/>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) ThrowOutOfRange(index);
        for (var i = index; i < _count - 1; i++) Set(i, this[i + 1]);
        Set(_count - 1, null);
        _count--;
    }

    /// <inheritdoc/>
    public bool Remove(IParseTree item)
    {
        var at = IndexOf(item);
        if (at < 0) return false;
        RemoveAt(at);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>The array is kept (cleared), as a list given out again for reuse needs it.</remarks>
    public void Clear()
    {
        // Most lists hold a few children: a loop of stores beats the call to clear them.
        for (var i = 0; i < _count; i++) _items[i].Tree = null;
        _count = 0;
    }

    /// <inheritdoc/>
    public int IndexOf(IParseTree item)
    {
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(this[i], item)) return i;
        return -1;
    }

    /// <inheritdoc/>
    public bool Contains(IParseTree item) => IndexOf(item) >= 0;

    /// <inheritdoc/>
    public void CopyTo(IParseTree[] array, int arrayIndex)
    {
        for (var i = 0; i < _count; i++) array[arrayIndex + i] = this[i];
    }

    /// <inheritdoc/>
    public IEnumerator<IParseTree> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
