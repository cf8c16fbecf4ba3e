namespace HealthCode.Kafka.Consuming;

/// <summary>How far one consumer group is behind the end of one partition; offsets are -1 where unknown.</summary>
/// <param name="Topic">Topic of the partition.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="LowWatermark">Oldest offset the broker still holds.</param>
/// <param name="HighWatermark">Offset the next produced record will get.</param>
/// <param name="Position">Next offset the consumer will fetch (-1 when measured outside the consumer).</param>
/// <param name="Committed">Offset the group has committed: where a restarted member resumes.</param>
public sealed record PartitionLag(
    string Topic, int Partition, long LowWatermark, long HighWatermark, long Position, long Committed)
{
    /// <summary>
    /// Records between the committed offset (or the low watermark if nothing is committed) and the end of the
    /// partition: what a restarted member still has to read, and what the broker must keep for it.
    /// </summary>
    public long Lag
    {
        get
        {
            if (HighWatermark < 0)
            {
                return 0;
            }

            var from = Committed >= 0 ? Committed : Math.Max(LowWatermark, 0);
            return Math.Max(0, HighWatermark - from);
        }
    }

    /// <summary>
    /// Records the consumer has not read yet; before its first record of the partition the position is taken to
    /// be the committed offset, or the low watermark.
    /// </summary>
    public long PositionLag => Position >= 0 ? Math.Max(0, HighWatermark - Position) : Lag;
}
