using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>One <see cref="JsonFeedCase"/> per JSON Lines feed of the contract.</summary>
internal static class JsonFeedCases
{
    /// <summary>The id_number of the bad lines: valid, so that each bad line fails only where it means to.</summary>
    private const string Id = "11010519491231002X";

    private static readonly string[] Trains = ["G7311", "g1234", "D301"];

    private static readonly string[] Flights = ["CA1501", "mu5101", "CZ3101", "HU7181"];

    public static JsonFeedCase For(Feed feed) => feed switch
    {
        Feed.Subscribers => Subscribers,
        Feed.Rail => Rail,
        Feed.Flights => FlightCase,
        Feed.Cases => Cases,
        Feed.CaseLocations => CaseLocations,
        Feed.Declarations => Declarations,
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Not a JSON Lines feed."),
    };

    private static string Msisdn(int i) => "+86139" + (20_000_000 + i);

    private static JsonFeedCase Subscribers { get; } = new(
        Feed.Subscribers,
        SubscriberFields,
        (i, _) => Pseudonymiser.Derive(IngestTestBed.PepperBytes, Msisdn(i)),
        value => Subscriber.Parser.ParseFrom(value).PersonKey,
        [
            (JsonLine.Of(SubscriberFields(Id, 0), ("msisdn", "13800138000")), "msisdn"),
            (JsonLine.Of(SubscriberFields(Id, 0), ("carrier", " ")), "carrier"),
            (JsonLine.Of(SubscriberFields("ab", 0)), "id_number"),
            ("""{"msisdn":"+8613800138000",""", null),
        ],
        Msisdn);

    private static JsonFeedCase Rail { get; } = new(
        Feed.Rail,
        RailFields,
        (i, _) => Trains[i % Trains.Length].ToUpperInvariant() + "/2026-11-02",
        value => RailTrip.Parser.ParseFrom(value).PersonKey,
        [
            (JsonLine.Of(RailFields(Id, 0), ("carriage", 0)), "carriage"),
            (JsonLine.Of(RailFields(Id, 0), ("arrives_at", "2026-11-02T07:40:00+08:00")), "arrives_at"),
            (JsonLine.Of(RailFields(Id, 0), ("service_date", "2026-13-02")), "service_date"),
            ("[1,2,3]", null),
        ],
        _ => null);

    private static JsonFeedCase FlightCase { get; } = new(
        Feed.Flights,
        FlightFields,
        (i, _) => Flights[i % Flights.Length].ToUpperInvariant() + "/2026-11-03",
        value => FlightTrip.Parser.ParseFrom(value).PersonKey,
        [
            (JsonLine.Of(FlightFields(Id, 0), ("seat", "A32")), "seat"),
            (JsonLine.Of(FlightFields(Id, 0), ("departs_at", "2026-11-03T07:30:00")), "departs_at"),
            (JsonLine.Of(FlightFields(Id, 0), ("to", null)), "to"),
        ],
        _ => null);

    private static JsonFeedCase Cases { get; } = new(
        Feed.Cases,
        CaseFields,
        (_, person) => person,
        value => CaseReport.Parser.ParseFrom(value).PersonKey,
        [
            (JsonLine.Of(CaseFields(Id, 0), ("status", "recovered")), "status"),
            (JsonLine.Of(CaseFields(Id, 0), ("reported_at", "2026-11-05")), "reported_at"),
            (JsonLine.Of(CaseFields(Id, 0), ("id_number", 11010519)), "id_number"),
        ],
        _ => null);

    private static JsonFeedCase CaseLocations { get; } = new(
        Feed.CaseLocations,
        CaseLocationFields,
        (_, person) => person,
        value => CaseLocation.Parser.ParseFrom(value).CasePersonKey,
        [
            (JsonLine.Of(CaseLocationFields(Id, 0), ("radius_m", -1)), "radius_m"),
            (JsonLine.Of(CaseLocationFields(Id, 0), ("lat", -95)), "lat"),
            (JsonLine.Of(CaseLocationFields(Id, 0), ("to", "2026-11-01T08:00:00+08:00")), "to"),
        ],
        _ => null);

    private static JsonFeedCase Declarations { get; } = new(
        Feed.Declarations,
        DeclarationFields,
        (_, person) => person,
        value => Declaration.Parser.ParseFrom(value).PersonKey,
        [
            (JsonLine.Of(DeclarationFields(Id, 0), ("temperature_c", 52)), "temperature_c"),
            (JsonLine.Of(DeclarationFields(Id, 0), ("symptoms", "cough")), "symptoms"),
            (JsonLine.Of(DeclarationFields(Id, 0), ("temperature_c", "36.6")), "temperature_c"),
        ],
        _ => null);

    // The msisdn is padded and an unknown field added: both are allowed by the contract and must not matter.
    private static IReadOnlyList<(string, object?)> SubscriberFields(string id, int i) =>
    [
        ("msisdn", $" {Msisdn(i)} "), ("id_number", id), ("carrier", "CM"),
        ("registered_at", $"2026-01-0{i % 9 + 1}T09:00:00+08:00"), ("plan", "prepaid"),
    ];

    private static IReadOnlyList<(string, object?)> RailFields(string id, int i) =>
    [
        ("id_number", id), ("train", Trains[i % Trains.Length]), ("service_date", "2026-11-02"),
        ("carriage", i % 16 + 1), ("seat", $"0{i % 9 + 1}F"), ("from", "Hangzhou East"), ("to", "Beijing South"),
        ("departs_at", "2026-11-02T08:00:00+08:00"), ("arrives_at", "2026-11-02T12:40:00+08:00"),
    ];

    private static IReadOnlyList<(string, object?)> FlightFields(string id, int i) =>
    [
        ("id_number", id), ("flight", Flights[i % Flights.Length]), ("service_date", "2026-11-03"),
        ("seat", $"{i % 40 + 1}{(char)('A' + i % 6)}"), ("from", "HGH"), ("to", "PEK"),
        ("departs_at", "2026-11-03T07:30:00+08:00"), ("arrives_at", "2026-11-03T09:45:00+08:00"),
    ];

    private static IReadOnlyList<(string, object?)> CaseFields(string id, int i) =>
    [
        ("id_number", id), ("status", i % 3 == 0 ? "Confirmed" : "suspected"),
        ("reported_at", $"2026-11-05T10:{i % 60:D2}:00Z"),
    ];

    private static IReadOnlyList<(string, object?)> CaseLocationFields(string id, int i) =>
    [
        ("id_number", id), ("lat", 30.27 + i * 0.001), ("lon", 120.15 + i * 0.001), ("radius_m", 50 + i),
        ("from", "2026-11-01T09:00:00+08:00"), ("to", "2026-11-01T10:30:00+08:00"),
        ("venue", i % 2 == 0 ? "West Lake cafe" : null),
    ];

    private static IReadOnlyList<(string, object?)> DeclarationFields(string id, int i) =>
    [
        ("id_number", id), ("declared_at", $"2026-11-06T08:{i % 60:D2}:00+08:00"),
        ("temperature_c", 36.5 + i % 3), ("symptoms", new[] { "Cough", " fever " }),
    ];
}
