using Confluent.Kafka;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// One assignment of one partition to one consumer: what the source emitted from it and what the pipeline
/// handled. A new instance is made on every assignment, so records read before a revocation can never store
/// offsets into a later assignment of the same partition.
/// </summary>
/// <remarks>
/// The polling thread, the source stage and the committer each touch this object, so every field is guarded by
/// <see cref="_gate"/>; each critical section is a few field writes plus at most one local librdkafka call.
/// </remarks>
internal sealed class PartitionState
{
    private readonly object _gate = new();

    private long _lastEmitted = -1;

    private long _nextToCommit = -1;

    private bool _closing;

    private bool _closed;

    public PartitionState(ConsumerSession session, TopicPartition topicPartition)
    {
        Session = session;
        TopicPartition = topicPartition;
    }

    public ConsumerSession Session { get; }

    public TopicPartition TopicPartition { get; }

    public string Topic => TopicPartition.Topic;

    public int Partition => TopicPartition.Partition.Value;

    /// <summary>Offset after the last handled record (what a commit would write), or -1 if none yet.</summary>
    public long NextToCommit
    {
        get
        {
            lock (_gate)
            {
                return _nextToCommit;
            }
        }
    }

    /// <summary>Last offset the group is known to have committed, or -1; used by the polling thread only.</summary>
    public long Committed { get; set; } = -1;

    /// <summary>
    /// Whether the committed offset was looked up since assignment; used by the polling thread only.
    /// </summary>
    public bool CommittedLookedUp { get; set; }

    /// <summary>True when every record emitted so far has been handled.</summary>
    public bool IsSettled
    {
        get
        {
            lock (_gate)
            {
                return _lastEmitted < 0 || _nextToCommit > _lastEmitted;
            }
        }
    }

    /// <summary>
    /// Records that <paramref name="offset"/> is being pushed downstream; false once the partition goes.
    /// </summary>
    public bool TryMarkEmitted(long offset)
    {
        lock (_gate)
        {
            if (_closing)
            {
                return false;
            }

            // Offsets of one partition are contiguous here (no transactions, no compaction), so a jump means the
            // broker dropped records before they were read: the mock cluster does that to a lagging consumer.
            if (_lastEmitted >= 0 && offset > _lastEmitted + 1)
            {
                Session.ReportSkipped(TopicPartition, _lastEmitted + 1, offset - 1);
            }

            _lastEmitted = offset;
            return true;
        }
    }

    /// <summary>Stores <paramref name="offset"/> + 1 for the next commit; false when the partition has gone.</summary>
    public bool TryStoreHandled(long offset, int? leaderEpoch)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            var next = offset + 1;
            if (next <= _nextToCommit)
            {
                if (next == _nextToCommit)
                {
                    return true;
                }

                throw new InvalidOperationException(
                    $"Records of {Topic} [{Partition}] reached the offset committer out of order (offset {offset} "
                    + $"after {_nextToCommit - 1}): keep per-partition order between KafkaConsumerSource and "
                    + "KafkaOffsetCommitter (for example SelectAsync, not SelectAsyncUnordered).");
            }

            if (!Session.TryStoreOffset(new TopicPartitionOffset(TopicPartition, next, leaderEpoch)))
            {
                _closed = true;
                return false;
            }

            _nextToCommit = next;
        }

        Session.SignalProgress();
        return true;
    }

    /// <summary>Stops emission of this partition's records; handled records may still be stored.</summary>
    public void BeginClosing()
    {
        lock (_gate)
        {
            _closing = true;
        }
    }

    /// <summary>Refuses every later store and returns the offset to commit, or -1 if nothing was handled.</summary>
    public long Close()
    {
        lock (_gate)
        {
            _closing = true;
            _closed = true;
            return _nextToCommit;
        }
    }
}
