namespace HealthCode.Storage.Schema;

/// <summary>The analytics tables of the canonical events and the risk decisions, ordered for lookups.</summary>
/// <remarks>
/// <para>
/// Pings and subscribers are each looked up two ways, so each is stored twice, sorted both ways, rather than
/// once with a projection: readers deduplicate replays with FINAL, and ClickHouse does not use projections
/// for FINAL reads (and a ReplacingMergeTree with projections needs deduplicate_merge_projection_mode). The
/// writer encodes a batch once and inserts the same block into both copies.
/// </para>
/// <para>
/// The decision tables partition by a time that every version of one decision shares (a flag's exposure end, which
/// the records hashed into its flag id fix; a change's event time), because ReplacingMergeTree only collapses rows
/// within a partition: partitioning by the decision time would keep a flag's withdrawn version and its first
/// version apart for ever. The queries over them still pick the newest version themselves (LIMIT 1 BY, argMax),
/// so a version that did land in another month cannot resurrect a withdrawn flag.
/// </para>
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

    /// <summary>Contact flags by case, person and flag id; the latest decision about a flag wins a merge.</summary>
    public static readonly TableDefinition Contacts = new(
        StorageTables.Contacts,
        "case_key, person_key, flag_id",
        "to_at",
        [
            new("flag_id", "String"),
            new("person_key", "String"),
            new("case_key", "String"),
            new("rule", ClickHouseTypes.Label),
            new("colour", ClickHouseTypes.CodeColour),
            new("place", "String"),
            new("from_at", ClickHouseTypes.Time),
            new("to_at", ClickHouseTypes.Time),
            new("raised_at", ClickHouseTypes.Time),
            new("quarantine_ends", ClickHouseTypes.Time),
            new("record_ids", "Array(String)"),
            new("rule_set_version", ClickHouseTypes.Label),
            new("withdrawn", "Bool"),
            new("decided_at", ClickHouseTypes.Time),
        ],
        versionColumn: "decided_at");

    /// <summary>
    /// Code changes by person and sequence, so a redelivered change collapses into the first. The evidence is
    /// stored as parallel arrays (element i of every <c>evidence_*</c> column is evidence i), with each piece's
    /// record ids joined by commas: plain arrays read back without Nested's flattening rules.
    /// </summary>
    public static readonly TableDefinition CodeChanges = new(
        StorageTables.CodeChanges,
        "person_key, sequence",
        "changed_at",
        [
            new("person_key", "String"),
            new("sequence", "Int64"),
            new("old_colour", ClickHouseTypes.CodeColour),
            new("new_colour", ClickHouseTypes.CodeColour),
            new("changed_at", ClickHouseTypes.Time),
            new("valid_until", $"Nullable({ClickHouseTypes.Time})"),
            new("awaiting_declaration", "Bool"),
            new("evidence_rule", "Array(String)"),
            new("evidence_case_ref", "Array(String)"),
            new("evidence_place", "Array(String)"),
            new("evidence_from", $"Array({ClickHouseTypes.Time})"),
            new("evidence_to", $"Array({ClickHouseTypes.Time})"),
            new("evidence_record_ids", "Array(String)"),
            new("rule_set_version", ClickHouseTypes.Label),
            new("decided_at", ClickHouseTypes.Time),
        ],
        versionColumn: "decided_at");

    /// <summary>Every table, in creation order.</summary>
    public static IReadOnlyList<TableDefinition> All { get; } =
    [
        Subscribers, SubscribersByPerson, Pings, PingsBySubscriber, RailTrips, FlightTrips, CaseReports,
        CaseLocations, Declarations, Contacts, CodeChanges,
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
