namespace HealthCode.Storage.Schema;

/// <summary>ClickHouse types the schema uses more than once, so the writer's encoders name them alike.</summary>
internal static class ClickHouseTypes
{
    /// <summary>A record id: the 16-byte content hash every canonical event carries.</summary>
    public const string RecordId = "FixedString(16)";

    /// <summary>Event time: unix milliseconds, shown in UTC.</summary>
    public const string Time = "DateTime64(3, 'UTC')";

    /// <summary>A service's local calendar date.</summary>
    public const string Date = "Date";

    /// <summary>The case status, stored with the numbers of the protobuf enum.</summary>
    public const string CaseStatus =
        "Enum8('unspecified' = 0, 'confirmed' = 1, 'suspected' = 2, 'cleared' = 3)";

    /// <summary>A health-code colour, stored with the numbers of the protobuf enum.</summary>
    public const string CodeColour =
        "Enum8('unspecified' = 0, 'green' = 1, 'yellow' = 2, 'red' = 3)";

    /// <summary>A few distinct names repeated on every row (rules, rule-set versions), dictionary-encoded.</summary>
    public const string Label = "LowCardinality(String)";
}
