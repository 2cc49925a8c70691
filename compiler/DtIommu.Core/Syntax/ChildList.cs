using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Antlr4.Runtime.Tree;

namespace DtIommu.Syntax;

/// <summary>
/// The children of a parse-tree context in an array of <see cref="RefSlot{T}"/>. Contexts inside node bodies get their
/// list back from <see cref="ParseTreeRecycler"/>, array and all, so the array costs nothing after the first few
/// properties. A slot is stored without the type check an <see cref="IParseTree"/> array needs, and an indexed read
/// is a plain load, where the earlier four inline fields were a jump table the reads mispredicted.
/// </summary>
internal sealed class ChildList : IList<IParseTree>
{
    private RefSlot<IParseTree>[] _items = new RefSlot<IParseTree>[4];
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
            return _items[index].Item!;
        }
        set
        {
            if ((uint)index >= (uint)_count) ThrowOutOfRange(index);
            _items[index].Item = value;
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, null);

    /// <inheritdoc/>
    public void Add(IParseTree item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count++].Item = item;
    }

    /// <inheritdoc/>
    public void Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)_count) ThrowOutOfRange(index);
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        Array.Copy(_items, index, _items, index + 1, _count - index);
        _items[index].Item = item;
        _count++;
    }

    /// <inheritdoc/>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) ThrowOutOfRange(index);
        Array.Copy(_items, index + 1, _items, index, _count - index - 1);
        _items[--_count].Item = null;
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
        for (var i = 0; i < _count; i++) _items[i].Item = null;
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
