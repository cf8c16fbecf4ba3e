using System.Text.Json.Nodes;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// What a JSON feed's malformed lines may break: its kinds of breakage, required fields, timestamp fields and
/// a field that a wrong-typed value replaces.
/// </summary>
internal sealed record FeedShape(
    string Feed,
    IReadOnlyList<MalformedKind> Kinds,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Timestamps,
    string WrongTypeField,
    JsonNode WrongTypeValue)
{
    public static FeedShape Subscribers { get; } = new(FeedNames.Subscribers,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType, MalformedKind.BadTimestamp,
            MalformedKind.BadMsisdn, MalformedKind.BadIdNumber, MalformedKind.NotAnObject,
        ],
        ["msisdn", "id_number", "carrier", "registered_at"], ["registered_at"], "msisdn",
        JsonValue.Create(8613800138000L));

    public static FeedShape Rail { get; } = new(FeedNames.Rail,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType, MalformedKind.BadTimestamp,
            MalformedKind.CarriageOutOfRange, MalformedKind.ArrivesBeforeDeparts, MalformedKind.BadServiceDate,
            MalformedKind.BadIdNumber,
        ],
        ["id_number", "train", "service_date", "carriage", "seat", "from", "to", "departs_at", "arrives_at"],
        ["departs_at", "arrives_at"], "carriage", JsonValue.Create("five"));

    public static FeedShape Flights { get; } = new(FeedNames.Flights,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType, MalformedKind.BadTimestamp,
            MalformedKind.BadSeat, MalformedKind.ArrivesBeforeDeparts, MalformedKind.BadServiceDate,
        ],
        ["id_number", "flight", "service_date", "seat", "from", "to", "departs_at", "arrives_at"],
        ["departs_at", "arrives_at"], "seat", JsonValue.Create(32));

    public static FeedShape Cases { get; } = new(FeedNames.Cases,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType, MalformedKind.UnknownStatus,
            MalformedKind.BadTimestamp, MalformedKind.BadIdNumber,
        ],
        ["id_number", "status", "reported_at"], ["reported_at"], "status", JsonValue.Create(1));

    public static FeedShape CaseLocations { get; } = new(FeedNames.CaseLocations,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType,
            MalformedKind.LatitudeOutOfRange, MalformedKind.LongitudeOutOfRange, MalformedKind.NegativeRadius,
            MalformedKind.EndsBeforeStart, MalformedKind.BadTimestamp,
        ],
        ["id_number", "lat", "lon", "radius_m", "from", "to"], ["from", "to"], "radius_m",
        JsonValue.Create("about 100 m"));

    public static FeedShape Declarations { get; } = new(FeedNames.Declarations,
        [
            MalformedKind.BadJson, MalformedKind.MissingField, MalformedKind.WrongType, MalformedKind.SymptomsNotAList,
            MalformedKind.ImplausibleTemperature, MalformedKind.BadTimestamp, MalformedKind.NotAnObject,
        ],
        ["id_number", "declared_at", "temperature_c", "symptoms"], ["declared_at"], "temperature_c",
        JsonValue.Create("normal"));

    /// <summary>The ways the CSV ping feed is broken.</summary>
    public static IReadOnlyList<MalformedKind> PingKinds { get; } =
    [
        MalformedKind.WrongColumnCount, MalformedKind.LatitudeOutOfRange, MalformedKind.LongitudeOutOfRange,
        MalformedKind.BadTimestamp, MalformedKind.BadMsisdn, MalformedKind.NonNumericAccuracy,
        MalformedKind.NonPositiveAccuracy,
    ];
}
