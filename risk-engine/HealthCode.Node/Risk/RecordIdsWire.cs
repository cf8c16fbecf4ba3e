using System.Text;
using Google.Protobuf;
using HealthCode.Contracts.Wire;
using HealthCode.Risk;
using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk;

/// <summary>
/// Writes a message's <c>repeated string record_ids</c> field from the evidence's record ids in protobuf's wire
/// format, after the rest of the message, without making a string per id.
/// </summary>
/// <remarks>
/// The engine keeps record ids as values (<see cref="PackedRecordIds"/>); Google.Protobuf's generated messages
/// take strings. A case's code changes carry about three million record ids and its contacts as many again, so
/// through the generated messages each would be a new string, made only to be encoded: a quarter of a gigabyte of
/// garbage per case, collected while the next batch waits. A parser reads fields in any order, so the message with
/// the field written last is the same message (tests parse both and compare).
/// </remarks>
internal static class RecordIdsWire
{
    private const int WireTypeLength = 2;

    /// <summary>The bytes of <paramref name="message"/> with <paramref name="ids"/> as field number
    /// <paramref name="field"/> (below 16, so that its tag is one byte) after the rest.</summary>
    public static byte[] Encode(IMessage message, int field, IReadOnlyList<string> ids)
    {
        var head = message.CalculateSize();
        var bytes = new byte[head + Size(field, ids)];
        message.WriteTo(bytes.AsSpan(0, head));
        Write(field, ids, bytes.AsSpan(head));
        return bytes;
    }

    /// <summary>The size of the field: a tag, a length and the text of every id.</summary>
    public static int Size(int field, IReadOnlyList<string> ids)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(field, 15);

        if (ids is PackedRecordIds packed)
        {
            // A tag byte, a length byte (32) and the hex.
            return packed.Count * (2 + PackedRecordIds.IdLength);
        }

        var size = 0;
        foreach (var id in ids)
        {
            var length = Encoding.UTF8.GetByteCount(id);
            size += 1 + Varint.Size((uint)length) + length;
        }

        return size;
    }

    /// <summary>Writes the field into <paramref name="destination"/>, of exactly <see cref="Size"/> bytes.</summary>
    public static void Write(int field, IReadOnlyList<string> ids, Span<byte> destination)
    {
        var tag = (byte)((field << 3) | WireTypeLength);
        var at = 0;

        if (ids is PackedRecordIds packed)
        {
            foreach (var value in packed.EnumerateValues())
            {
                destination[at++] = tag;
                destination[at++] = PackedRecordIds.IdLength;
                at += RecordKeys.FormatUtf8(value, destination[at..]);
            }

            return;
        }

        foreach (var id in ids)
        {
            destination[at++] = tag;
            var length = Encoding.UTF8.GetByteCount(id);
            at += Varint.Write(destination[at..], (uint)length);
            at += Encoding.UTF8.GetBytes(id, destination[at..]);
        }
    }
}
