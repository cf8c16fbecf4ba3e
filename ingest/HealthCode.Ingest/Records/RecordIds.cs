using System.Buffers;
using System.IO.Hashing;
using Google.Protobuf;
using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Records;

/// <summary>Stable record ids: a 128-bit hash of the feed and the canonical event's content.</summary>
/// <remarks>
/// The hash covers the pseudonymised event, never the raw line, so an id reveals nothing that the event does
/// not already show, and the same partner record delivered twice (in any file, at any position) gets the same
/// id: that is what makes every downstream writer idempotent under replays.
/// </remarks>
public static class RecordIds
{
    /// <summary>Length of a record id in bytes.</summary>
    public const int Length = 16;

    /// <summary>Computes the id of an event whose <c>record_id</c> field is still empty.</summary>
    public static ByteString Compute(Feed feed, IMessage message)
    {
        var size = message.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(size + 1);

        try
        {
            buffer[0] = (byte)feed;
            message.WriteTo(buffer.AsSpan(1, size));
            return Hash(buffer.AsSpan(0, size + 1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hashes prepared canonical bytes into an id.</summary>
    public static ByteString Hash(ReadOnlySpan<byte> canonical)
    {
        Span<byte> id = stackalloc byte[Length];
        Hash(canonical, id);
        return ByteString.CopyFrom(id);
    }

    /// <summary>Hashes prepared canonical bytes into <paramref name="id"/>, <see cref="Length"/> bytes.</summary>
    public static void Hash(ReadOnlySpan<byte> canonical, Span<byte> id) => XxHash128.Hash(canonical, id);
}
