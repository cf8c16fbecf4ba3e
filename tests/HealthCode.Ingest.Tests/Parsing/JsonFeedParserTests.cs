using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class JsonFeedParserTests
{
    private const string PersonKey = "8172089eef2266c3381d8f0f3d34178b";

    private const string Rail = """
        {"id_number":"11010519491231002X","train":"G7311","service_date":"2026-11-02","carriage":5,"seat":"05F",
        "from":"Hangzhou East","to":"Shanghai Hongqiao","departs_at":"2026-11-02T08:00:00+08:00",
        "arrives_at":"2026-11-02T09:05:00+08:00"}
        """;

    private const string Flight = """
        {"id_number":"11010519491231002X","flight":"MU5101","service_date":"2026-11-02","seat":"32A","from":"HGH",
        "to":"PEK","departs_at":"2026-11-02T08:00:00+08:00","arrives_at":"2026-11-02T10:10:00+08:00"}
        """;

    [Fact]
    public void TryParse_Subscriber_KeysBothIdentifiers()
    {
        var record = ParserHarness.Good(Feed.Subscribers, """
            {"msisdn":"+8613800138000","id_number":"11010519491231002x","carrier":"China Mobile",
            "registered_at":"2020-02-11T09:00:00+08:00","extra":{"ignored":true}}
            """.ReplaceLineEndings(""));

        var subscriber = (Subscriber)record.Message;
        Assert.Equal("41d1c44cd4dbc506033bbbbb75a46f8b", subscriber.SubscriberKey);
        Assert.Equal(PersonKey, subscriber.PersonKey);
        Assert.Equal(subscriber.SubscriberKey, record.Key);
    }

    [Fact]
    public void TryParse_Rail_KeysByService()
    {
        var record = ParserHarness.Good(Feed.Rail, Rail.ReplaceLineEndings(""));

        var trip = (RailTrip)record.Message;
        Assert.Equal("G7311/2026-11-02", record.Key);
        Assert.Equal(5, trip.Carriage);
        Assert.Equal(PersonKey, trip.PersonKey);
        Assert.Equal(65 * 60_000, trip.ArrivesAtMs - trip.DepartsAtMs);
    }

    [Fact]
    public void TryParse_Flight_SplitsSeatIntoRowAndLetter()
    {
        var trip = (FlightTrip)ParserHarness.Good(Feed.Flights, Flight.ReplaceLineEndings("")).Message;

        Assert.Equal(32, trip.SeatRow);
        Assert.Equal("A", trip.SeatLetter);
    }

    [Theory]
    [InlineData("confirmed", CaseStatus.Confirmed)]
    [InlineData("suspected", CaseStatus.Suspected)]
    [InlineData("Cleared", CaseStatus.Cleared)]
    public void TryParse_CaseStatus_IsMapped(string status, CaseStatus expected)
    {
        var report = (CaseReport)ParserHarness.Good(Feed.Cases,
            $$"""{"id_number":"11010519491231002X","status":"{{status}}","reported_at":"2026-11-05T10:00:00Z"}""")
            .Message;

        Assert.Equal(expected, report.Status);
        Assert.Equal(PersonKey, report.PersonKey);
    }

    [Fact]
    public void TryParse_CaseLocationWithoutVenue_IsAccepted()
    {
        var location = (CaseLocation)ParserHarness.Good(Feed.CaseLocations, """
            {"id_number":"11010519491231002X","lat":30.27,"lon":120.15,"radius_m":200,
            "from":"2026-11-01T12:00:00+08:00","to":"2026-11-01T13:00:00+08:00"}
            """.ReplaceLineEndings("")).Message;

        Assert.Equal(string.Empty, location.Venue);
        Assert.Equal(200, location.RadiusM);
    }

    [Fact]
    public void TryParse_Declaration_KeepsSymptoms()
    {
        var declaration = (Declaration)ParserHarness.Good(Feed.Declarations, """
            {"id_number":"11010519491231002X","declared_at":"2026-11-06T08:00:00+08:00","temperature_c":37.4,
            "symptoms":["Cough"," fever "]}
            """.ReplaceLineEndings("")).Message;

        Assert.Equal(["cough", "fever"], declaration.Symptoms);
        Assert.Equal(37.4, declaration.TemperatureC);
    }

    [Fact]
    public void TryParse_SameRecordWithFieldsReordered_GivesTheSameRecordId()
    {
        var a = (CaseReport)ParserHarness.Good(Feed.Cases,
            """{"id_number":"11010519491231002X","status":"confirmed","reported_at":"2026-11-05T10:00:00Z"}""")
            .Message;
        var b = (CaseReport)ParserHarness.Good(Feed.Cases,
            """{"reported_at":"2026-11-05T18:00:00+08:00","status":"confirmed","id_number":"11010519491231002X"}""")
            .Message;

        Assert.Equal(a.RecordId, b.RecordId);
    }

    public static TheoryData<Feed, string, string?, string> BadLines => new()
    {
        { Feed.Cases, "{\"id_number\":\"11010519491231002X\",", null, "not valid JSON" },
        { Feed.Cases, "[1,2]", null, "expected a JSON object" },
        { Feed.Cases, "{\"status\":\"confirmed\",\"reported_at\":\"2026-11-05T10:00:00Z\"}", "id_number", "missing" },
        { Feed.Cases, "{\"id_number\":\"ab\",\"status\":\"confirmed\",\"reported_at\":\"2026-11-05T10:00:00Z\"}",
            "id_number", "4 to 32" },
        { Feed.Cases, "{\"id_number\":\"11010519491231002X\",\"status\":\"recovered\","
            + "\"reported_at\":\"2026-11-05T10:00:00Z\"}", "status", "confirmed, suspected or cleared" },
        { Feed.Cases, "{\"id_number\":\"11010519491231002X\",\"status\":\"confirmed\",\"reported_at\":\"2026-11-05\"}",
            "reported_at", "ISO-8601" },
        { Feed.Cases, "{\"id_number\":11010519,\"status\":\"confirmed\",\"reported_at\":\"2026-11-05T10:00:00Z\"}",
            "id_number", "must be a string" },
        { Feed.Cases, "{\"id_number\":\"11010519491231002X\",\"status\":\"confirmed\","
            + "\"reported_at\":\"2026-11-05T10:00:00Z\"} x", null, "not valid JSON" },
        { Feed.Subscribers, "{\"msisdn\":\"13800138000\",\"id_number\":\"11010519491231002X\",\"carrier\":\"CM\","
            + "\"registered_at\":\"2020-02-11T09:00:00+08:00\"}", "msisdn", "E.164" },
        { Feed.Subscribers, "{\"msisdn\":\"+8613800138000\",\"id_number\":\"11010519491231002X\",\"carrier\":\" \","
            + "\"registered_at\":\"2020-02-11T09:00:00+08:00\"}", "carrier", "must not be empty" },
        { Feed.Rail, Rail.ReplaceLineEndings("").Replace("\"carriage\":5", "\"carriage\":\"five\""), "carriage",
            "must be a number" },
        { Feed.Rail, Rail.ReplaceLineEndings("").Replace("\"carriage\":5", "\"carriage\":5.5"), "carriage",
            "whole number" },
        { Feed.Rail, Rail.ReplaceLineEndings("").Replace("\"carriage\":5", "\"carriage\":0"), "carriage", "1 to 99" },
        { Feed.Rail, Rail.ReplaceLineEndings("").Replace("2026-11-02\",\"carriage", "2026-13-02\",\"carriage"),
            "service_date", "YYYY-MM-DD" },
        { Feed.Rail, Rail.ReplaceLineEndings("").Replace("09:05:00", "07:05:00"), "arrives_at", "before departs_at" },
        { Feed.Flights, Flight.ReplaceLineEndings("").Replace("32A", "A32"), "seat", "row number" },
        { Feed.Flights, Flight.ReplaceLineEndings("").Replace("32A", "0A"), "seat", "row number" },
        { Feed.Flights, Flight.ReplaceLineEndings("").Replace(",\"to\":\"PEK\"", ""), "to", "missing" },
        { Feed.CaseLocations, "{\"id_number\":\"11010519491231002X\",\"lat\":30.27,\"lon\":120.15,\"radius_m\":-1,"
            + "\"from\":\"2026-11-01T12:00:00+08:00\",\"to\":\"2026-11-01T13:00:00+08:00\"}", "radius_m",
            "0 to 50000" },
        { Feed.CaseLocations, "{\"id_number\":\"11010519491231002X\",\"lat\":-95,\"lon\":120.15,\"radius_m\":1,"
            + "\"from\":\"2026-11-01T12:00:00+08:00\",\"to\":\"2026-11-01T13:00:00+08:00\"}", "lat", "-90 to 90" },
        { Feed.CaseLocations, "{\"id_number\":\"11010519491231002X\",\"lat\":30.27,\"lon\":120.15,\"radius_m\":1,"
            + "\"from\":\"2026-11-01T12:00:00+08:00\",\"to\":\"2026-11-01T11:00:00+08:00\"}", "to", "before from" },
        { Feed.Declarations, "{\"id_number\":\"11010519491231002X\",\"declared_at\":\"2026-11-06T08:00:00+08:00\","
            + "\"temperature_c\":98.6,\"symptoms\":[]}", "temperature_c", "30 to 45" },
        { Feed.Declarations, "{\"id_number\":\"11010519491231002X\",\"declared_at\":\"2026-11-06T08:00:00+08:00\","
            + "\"temperature_c\":36.6,\"symptoms\":\"cough\"}", "symptoms", "list of strings" },
        { Feed.Declarations, "{\"id_number\":\"11010519491231002X\",\"declared_at\":\"2026-11-06T08:00:00+08:00\","
            + "\"temperature_c\":36.6,\"symptoms\":[1]}", "symptoms", "list of strings" },
        { Feed.Declarations, "{\"id_number\":\"11010519491231002X\",\"declared_at\":\"2026-11-06T08:00:00+08:00\","
            + "\"temperature_c\":36.6}", "symptoms", "missing" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void TryParse_BadLine_NamesFieldAndReason(Feed feed, string line, string? field, string reason)
    {
        var error = ParserHarness.Bad(feed, line);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
