using System;

namespace DtIommu.Blob;

/// <summary>A growable byte buffer with big-endian writes, for building blob blocks without per-write allocation.</summary>
public sealed class BigEndianBuffer
{
    private byte[] _buffer;

    /// <summary>An empty buffer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public BigEndianBuffer(int capacity = 256) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>The underlying array; only the first <see cref="Length"/> bytes are meaningful.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    private void Ensure(int extra)
    {
        if (Length + extra <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(Length + extra, _buffer.Length * 2));
    }

    /// <summary>Writes a big-endian 32-bit value.</summary>
    public void WriteUInt32(uint v)
    {
        Ensure(4);
        _buffer[Length] = (byte)(v >> 24);
        _buffer[Length + 1] = (byte)(v >> 16);
        _buffer[Length + 2] = (byte)(v >> 8);
        _buffer[Length + 3] = (byte)v;
        Length += 4;
    }

    /// <summary>Writes a big-endian 64-bit value.</summary>
    public void WriteUInt64(ulong v)
    {
        WriteUInt32((uint)(v >> 32));
        WriteUInt32((uint)v);
    }

    /// <summary>Writes raw bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(new Span<byte>(_buffer, Length, bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Writes a string one byte per char, then a NUL.</summary>
    public void WriteNulTerminated(string s)
    {
        Ensure(s.Length + 1);
        foreach (var ch in s) _buffer[Length++] = (byte)ch;
        _buffer[Length++] = 0;
    }

    /// <summary>Pads with zero bytes to a multiple of <paramref name="alignment"/>.</summary>
    public void AlignTo(int alignment)
    {
        var target = (Length + alignment - 1) & ~(alignment - 1);
        Ensure(target - Length);
        while (Length < target) _buffer[Length++] = 0;
    }
}
