using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using HealthCode.Contracts.Wire;
using HealthCode.Ingest.Parsing;
using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Publishing;

/// <summary>Writes the protobuf wire bytes of one <c>PingBatch</c> as pings arrive, without message objects.</summary>
/// <remarks>
/// The output is byte for byte what Google.Protobuf's <c>PingBatch.ToByteArray()</c> gives for the same pings
/// (fields in number order, proto3 defaults omitted), which a test holds it to. Serialising through the
/// generated classes cost about as much as parsing the line: three objects per ping, walked twice (once to
/// size, once to write). Here each ping is written once into a buffer that is reused from batch to batch.
/// </remarks>
internal sealed class PingBatchWriter
{
    /// <summary>Tag of <c>PingBatch.pings</c> (field 1, length-delimited).</summary>
    private const byte PingsTag = 1 << 3 | 2;

    private const byte RecordIdTag = 1 << 3 | 2;
    private const byte SubscriberKeyTag = 2 << 3 | 2;
    private const byte LatTag = 3 << 3 | 1;
    private const byte LonTag = 4 << 3 | 1;
    private const byte AccuracyTag = 5 << 3 | 5;
    private const byte ObservedAtTag = 6 << 3 | 1;
    private const byte CellTag = 7 << 3 | 1;

    /// <summary>The most a ping takes besides its key: all fields present, lengths as 5-byte varints.</summary>
    private const int MaxFixedBytes = 1 + 5 + (2 + RecordIds.Length) + (1 + 5) + 4 * (1 + 8) + (1 + 4);

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer whose buffer starts at <paramref name="initialBytes"/> and grows as needed.</summary>
    public PingBatchWriter(int initialBytes = 1 << 16) => _buffer = new byte[initialBytes];

    /// <summary>The number of pings written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Appends one ping as a <c>pings</c> entry of the batch.</summary>
    public void Add(in ParsedPing ping)
    {
        // Keys are hex, so the ASCII check almost always answers; the UTF-8 count is for anything else.
        var key = ping.SubscriberKey;
        var keyBytes = Ascii.IsValid(key) ? key.Length : Encoding.UTF8.GetByteCount(key);
        Reserve(MaxFixedBytes + keyBytes);

        var output = _buffer.AsSpan(_length);
        output[0] = PingsTag;
        var at = 1 + Varint.Write(output[1..], (uint)SizeOf(ping, keyBytes));
        at += WritePing(output[at..], ping, key, keyBytes);

        _length += at;
        Count++;
    }

    /// <summary>The batch as an array of exactly its length, ready to be a Kafka record value.</summary>
    public byte[] ToArray() => Written.ToArray();

    /// <summary>Starts a new batch, keeping the buffer.</summary>
    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    private static int SizeOf(in ParsedPing ping, int keyBytes)
    {
        var size = 2 + RecordIds.Length;

        if (keyBytes > 0)
        {
            size += 1 + Varint.Size((uint)keyBytes) + keyBytes;
        }

        // proto3 leaves out fields equal to their default; Google.Protobuf tests with != 0, so -0.0 is left out
        // too, and NaN (never valid here) would be written.
        size += ping.Lat != 0 ? 9 : 0;
        size += ping.Lon != 0 ? 9 : 0;
        size += ping.AccuracyM != 0 ? 5 : 0;
        size += ping.ObservedAtMs != 0 ? 9 : 0;
        size += ping.Cell != 0 ? 9 : 0;
        return size;
    }

    private static int WritePing(Span<byte> output, in ParsedPing ping, string key, int keyBytes)
    {
        // Written through a reference rather than span slices: Reserve has made room for the largest ping, and
        // a bounds check and slice per field were a visible share of the cost of a ping.
        ref var start = ref MemoryMarshal.GetReference(output);
        start = RecordIdTag;
        Unsafe.Add(ref start, 1) = RecordIds.Length;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, 2), ping.RecordId);
        var at = 2 + RecordIds.Length;

        if (keyBytes > 0)
        {
            Unsafe.Add(ref start, at++) = SubscriberKeyTag;
            at += Varint.Write(output[at..], (uint)keyBytes);
            at += Encoding.UTF8.GetBytes(key, output.Slice(at, keyBytes));
        }

        at = WriteFixed(ref start, at, LatTag, BitConverter.DoubleToInt64Bits(ping.Lat), ping.Lat != 0);
        at = WriteFixed(ref start, at, LonTag, BitConverter.DoubleToInt64Bits(ping.Lon), ping.Lon != 0);

        if (ping.AccuracyM != 0)
        {
            Unsafe.Add(ref start, at) = AccuracyTag;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, at + 1), LittleEndian(ping.AccuracyM));
            at += 5;
        }

        at = WriteFixed(ref start, at, ObservedAtTag, ping.ObservedAtMs, ping.ObservedAtMs != 0);
        return WriteFixed(ref start, at, CellTag, ping.Cell, ping.Cell != 0);
    }

    private static int WriteFixed(ref byte start, int at, byte tag, long value, bool present)
    {
        if (!present)
        {
            return at;
        }

        Unsafe.Add(ref start, at) = tag;
        var bits = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, at + 1), bits);
        return at + 9;
    }

    private static int LittleEndian(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        return BitConverter.IsLittleEndian ? bits : BinaryPrimitives.ReverseEndianness(bits);
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
