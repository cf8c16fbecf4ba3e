namespace HealthCode.Kafka.Embedded;

/// <summary>Kafka protocol request types whose requests the embedded cluster can be told to fail.</summary>
public enum KafkaApiKey : short
{
    /// <summary>ProduceRequest: a producer appending record batches.</summary>
    Produce = 0,

    /// <summary>FetchRequest: a consumer reading record batches.</summary>
    Fetch = 1,

    /// <summary>ListOffsetsRequest: watermark and timestamp look-ups.</summary>
    ListOffsets = 2,

    /// <summary>MetadataRequest: brokers, topics and partition leaders.</summary>
    Metadata = 3,

    /// <summary>OffsetCommitRequest: a consumer group member committing offsets.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetchRequest: reading a group's committed offsets.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinatorRequest: locating a group or transaction coordinator.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroupRequest: a member joining or rejoining a consumer group.</summary>
    JoinGroup = 11,

    /// <summary>HeartbeatRequest: a member keeping its group session alive.</summary>
    Heartbeat = 12,

    /// <summary>LeaveGroupRequest: a member leaving its consumer group.</summary>
    LeaveGroup = 13,

    /// <summary>SyncGroupRequest: a member receiving its partition assignment.</summary>
    SyncGroup = 14,

    /// <summary>InitProducerIdRequest: an idempotent producer obtaining its producer id.</summary>
    InitProducerId = 22,
}
