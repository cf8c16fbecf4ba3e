using Google.Protobuf;
using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Reads the record ids out of canonical records of any feed.</summary>
internal static class RecordIdsOf
{
    /// <summary>One id per event: every ping of a batch, otherwise the record's own id.</summary>
    public static IReadOnlyList<string> Records(Feed feed, IEnumerable<ConsumedRecord> records, int partitions) =>
        feed == Feed.Pings
            ? [.. PingTopic.Decode([.. records], partitions, 50_000).Select(p => p.RecordId.ToBase64())]
            : [.. records.Select(r => FieldOne(r.Value).ToBase64())];

    /// <summary>
    /// Field 1 of a canonical event, which every event of the v1 contract declares as <c>bytes record_id = 1</c>;
    /// reading it by number spares the test a decoder per feed.
    /// </summary>
    private static ByteString FieldOne(byte[] value)
    {
        var input = new CodedInputStream(value);

        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited))
            {
                return input.ReadBytes();
            }

            input.SkipLastField();
        }

        throw new InvalidDataException("A canonical event without a record_id.");
    }
}
