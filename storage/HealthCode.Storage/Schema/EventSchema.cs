namespace HealthCode.Storage.Schema;

/// <summary>The analytics tables of the canonical events, ordered for the lookups the risk engine makes.</summary>
/// <remarks>
/// Pings and subscribers are each looked up two ways, so each is stored twice, sorted both ways, rather than
/// once with a projection: readers deduplicate replays with FINAL, and ClickHouse does not use projections
/// for FINAL reads (and a ReplacingMergeTree with projections needs deduplicate_merge_projection_mode). The
/// writer encodes a batch once and inserts the same block into both copies.
/// </remarks>
internal static class EventSchema
{
    private static readonly ColumnDefinition RecordId = new("record_id", ClickHouseTypes.RecordId);

    /// <summary>Subscriber registrations by subscriber key: which person a ping's SIM belongs to.</summary>
    public static readonly TableDefinition Subscribers = new(
        StorageTables.Subscribers, "subscriber_key, registered_at, record_id", "registered_at", SubscriberColumns());

    /// <summary>Subscriber registrations by person: which SIMs a case carried.</summary>
    public static readonly TableDefinition SubscribersByPerson = new(
        StorageTables.SubscribersByPerson,
        "person_key, registered_at, record_id",
        "registered_at",
        SubscriberColumns());

    /// <summary>Pings by cell and time: who else was in a case's cell then.</summary>
    public static readonly TableDefinition Pings = new(
        StorageTables.Pings, "cell, observed_at, record_id", "observed_at", PingColumns());

    /// <summary>Pings by subscriber and time: a person's stays.</summary>
    public static readonly TableDefinition PingsBySubscriber = new(
        StorageTables.PingsBySubscriber, "subscriber_key, observed_at, record_id", "observed_at", PingColumns());

    /// <summary>Rail passengers by service: the manifest of a train on a date, carriage by carriage.</summary>
    public static readonly TableDefinition RailTrips = new(
        StorageTables.RailTrips,
        "train, service_date, carriage, record_id",
        "departs_at",
        [
            RecordId,
            new("person_key", "String"),
            new("train", "String"),
            new("service_date", ClickHouseTypes.Date),
            new("carriage", "Int32"),
            new("seat", "String"),
            new("from_station", "String"),
            new("to_station", "String"),
            new("departs_at", ClickHouseTypes.Time),
            new("arrives_at", ClickHouseTypes.Time),
        ]);

    /// <summary>Flight passengers by service: the manifest of a flight on a date, row by row.</summary>
    public static readonly TableDefinition FlightTrips = new(
        StorageTables.FlightTrips,
        "flight, service_date, seat_row, record_id",
        "departs_at",
        [
            RecordId,
            new("person_key", "String"),
            new("flight", "String"),
            new("service_date", ClickHouseTypes.Date),
            new("seat", "String"),
            new("seat_row", "Int32"),
            new("seat_letter", "String"),
            new("from_airport", "String"),
            new("to_airport", "String"),
            new("departs_at", ClickHouseTypes.Time),
            new("arrives_at", ClickHouseTypes.Time),
        ]);

    /// <summary>Case reports by person and time.</summary>
    public static readonly TableDefinition CaseReports = new(
        StorageTables.CaseReports,
        "person_key, reported_at, record_id",
        "reported_at",
        [
            RecordId,
            new("person_key", "String"),
            new("status", ClickHouseTypes.CaseStatus),
            new("reported_at", ClickHouseTypes.Time),
        ]);

    /// <summary>Case locations by the case's person and start; retention counts from the end of the visit.</summary>
    public static readonly TableDefinition CaseLocations = new(
        StorageTables.CaseLocations,
        "case_person_key, from_at, record_id",
        "to_at",
        [
            RecordId,
            new("case_person_key", "String"),
            new("lat", "Float64"),
            new("lon", "Float64"),
            new("radius_m", "Float64"),
            new("from_at", ClickHouseTypes.Time),
            new("to_at", ClickHouseTypes.Time),
            new("venue", "String"),
        ]);

    /// <summary>Health declarations by person and time.</summary>
    public static readonly TableDefinition Declarations = new(
        StorageTables.Declarations,
        "person_key, declared_at, record_id",
        "declared_at",
        [
            RecordId,
            new("person_key", "String"),
            new("declared_at", ClickHouseTypes.Time),
            new("temperature_c", "Float64"),
            new("symptoms", "Array(String)"),
        ]);

    /// <summary>Every table, in creation order.</summary>
    public static IReadOnlyList<TableDefinition> All { get; } =
    [
        Subscribers, SubscribersByPerson, Pings, PingsBySubscriber, RailTrips, FlightTrips, CaseReports,
        CaseLocations, Declarations,
    ];

    /// <summary>The definition of a table named in <see cref="StorageTables"/>.</summary>
    public static TableDefinition Get(string table) =>
        All.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.Ordinal))
        ?? throw new ArgumentOutOfRangeException(nameof(table), table, "Not a HealthCode storage table.");

    private static ColumnDefinition[] SubscriberColumns() =>
    [
        RecordId,
        new("subscriber_key", "String"),
        new("person_key", "String"),
        new("carrier", "String"),
        new("registered_at", ClickHouseTypes.Time),
    ];

    private static ColumnDefinition[] PingColumns() =>
    [
        RecordId,
        new("subscriber_key", "String"),
        new("lat", "Float64"),
        new("lon", "Float64"),
        new("accuracy_m", "Float32"),
        new("observed_at", ClickHouseTypes.Time),
        new("cell", "Int64"),
    ];
}
