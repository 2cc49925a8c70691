using System;
using System.Collections;
using System.Collections.Generic;
using Antlr4.Runtime.Tree;

namespace DtIommu.Syntax;

/// <summary>
/// The children of a parse-tree context, the first four held in the list object itself. Most contexts have one
/// to four children (a property, a string, a subnode, an operand); a <see cref="List{T}"/> costs those an object
/// and an array each, a large part of what a board allocates.
/// </summary>
internal sealed class ChildList : IList<IParseTree>
{
    private const int Inline = 4;
    private IParseTree? _c0, _c1, _c2, _c3;
    private IParseTree[]? _rest;
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
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return index switch { 0 => _c0!, 1 => _c1!, 2 => _c2!, 3 => _c3!, _ => _rest![index - Inline] };
        }
        set
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            Set(index, value);
        }
    }

    private void Set(int index, IParseTree? value)
    {
        switch (index)
        {
            case 0: _c0 = value; break;
            case 1: _c1 = value; break;
            case 2: _c2 = value; break;
            case 3: _c3 = value; break;
            default: _rest![index - Inline] = value!; break;
        }
    }

    /// <inheritdoc/>
    public void Add(IParseTree item)
    {
        if (_count >= Inline)
        {
            var at = _count - Inline;
            if (_rest == null) _rest = new IParseTree[4];
            else if (at == _rest.Length) Array.Resize(ref _rest, _rest.Length * 2);
        }
        _count++;
        Set(_count - 1, item);
    }

    /// <inheritdoc/>
    public void Insert(int index, IParseTree item)
    {
        if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        Add(item);
        for (var i = _count - 1; i > index; i--) Set(i, this[i - 1]);
        Set(index, item);
    }

    /// <inheritdoc/>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
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
    /// <remarks>The overflow array is kept (cleared), as a list given out again for reuse needs it.</remarks>
    public void Clear()
    {
        _c0 = _c1 = _c2 = _c3 = null;
        if (_rest != null && _count > Inline) Array.Clear(_rest, 0, _count - Inline);
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
