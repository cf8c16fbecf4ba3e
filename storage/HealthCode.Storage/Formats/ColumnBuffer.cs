using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace HealthCode.Storage.Formats;

/// <summary>A growable, pooled buffer holding one column's values in their Native (little-endian) encoding.</summary>
internal sealed class ColumnBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a buffer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public ColumnBuffer(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far, as memory for asynchronous writes.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>A running element count, for Array columns whose offsets are cumulative.</summary>
    public ulong RunningCount { get; set; }

    /// <summary>Writes an Int8 or Enum8 value.</summary>
    public void WriteInt8(sbyte value) => Reserve(1)[0] = (byte)value;

    /// <summary>Writes a UInt16 or Date value.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes an Int32 value.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes an Int64 or DateTime64 value.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a UInt64 value (also an Array offset).</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a Float32 value.</summary>
    public void WriteFloat32(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    /// <summary>Writes a Float64 value.</summary>
    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Writes a FixedString(size) value; shorter values are zero-padded as ClickHouse does.</summary>
    public void WriteFixedString(ReadOnlySpan<byte> value, int size)
    {
        if (value.Length > size)
        {
            throw new ArgumentException($"A FixedString({size}) value has {value.Length} bytes.", nameof(value));
        }

        var target = Reserve(size);
        value.CopyTo(target);
        target[value.Length..].Clear();
    }

    /// <summary>Writes a String value: LEB128 byte length, then UTF-8.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)length);
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Writes an unsigned LEB128 integer, the length prefix of Native strings and block headers.</summary>
    public void WriteVarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Reserve(1)[0] = (byte)value;
    }

    /// <summary>Appends raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;

        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Grow(int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
