using HealthCode.Contracts.Events.V1;
using HealthCode.Storage.Schema;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Storage.Tests.Writing;

[Collection(ChdbCollection.Name)]
public sealed class EventWriterTests(ChdbFixture fixture)
{
    private static readonly long T0 = TestEvents.BaseMs;

    [Fact]
    public async Task WriteAsync_Pings_RoundTripThroughBothPingTables()
    {
        var (store, writer) = await OpenAsync("pings");
        await using var storeScope = store;
        await using var writerScope = writer;
        var ping = TestEvents.Pings(0, 1)[0];

        await writer.WriteAsync([ping]);
        await writer.FlushAsync();

        foreach (var table in new[] { StorageTables.Pings, StorageTables.PingsBySubscriber })
        {
            var rows = await store.QueryRowsAsync($"SELECT * FROM `{store.Database}`.`{table}` FINAL");
            Assert.Equal(1, rows.Count);
            Assert.Equal(ping.RecordId.ToByteArray(), rows.Get<byte[]>(0, "record_id"));
            Assert.Equal(ping.SubscriberKey, rows.Get<string>(0, "subscriber_key"));
            Assert.Equal(ping.Lat, rows.Get<double>(0, "lat"));
            Assert.Equal(ping.Lon, rows.Get<double>(0, "lon"));
            Assert.Equal(ping.AccuracyM, rows.Get<float>(0, "accuracy_m"));
            Assert.Equal(ping.ObservedAtMs, Ms(rows.Get<DateTime>(0, "observed_at")));
            Assert.Equal(ping.Cell, rows.Get<long>(0, "cell"));
        }

    }

    [Fact]
    public async Task WriteAsync_Subscriber_RoundTripsAndIsFoundByPerson()
    {
        var (store, writer) = await OpenAsync("subscribers");
        await using var storeScope = store;
        await using var writerScope = writer;
        var subscriber = new Subscriber
        {
            RecordId = TestEvents.RecordId("subscriber"),
            SubscriberKey = TestEvents.Key("msisdn"),
            PersonKey = TestEvents.Key("person"),
            Carrier = "cmcc",
            RegisteredAtMs = T0,
        };

        await writer.WriteAsync([subscriber]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync(
            $"SELECT * FROM `{store.Database}`.subscribers_by_person FINAL WHERE person_key = {{p:String}}",
            new QueryParameters().Add("p", subscriber.PersonKey));
        Assert.Equal(1, rows.Count);
        Assert.Equal(subscriber.SubscriberKey, rows.Get<string>(0, "subscriber_key"));
        Assert.Equal("cmcc", rows.Get<string>(0, "carrier"));
        Assert.Equal(T0, Ms(rows.Get<DateTime>(0, "registered_at")));
        Assert.Equal(1, await new TableCounter(store).CountRowsAsync(StorageTables.Subscribers));
    }

    [Fact]
    public async Task WriteAsync_RailTrip_RoundTripsByService()
    {
        var (store, writer) = await OpenAsync("rail");
        await using var storeScope = store;
        await using var writerScope = writer;
        var trip = new RailTrip
        {
            RecordId = TestEvents.RecordId("rail"),
            PersonKey = TestEvents.Key("rider"),
            Train = "G1234",
            ServiceDate = TestEvents.ServiceDate,
            Carriage = 5,
            Seat = "05F",
            From = "Wuhan",
            To = "Beijing Xi",
            DepartsAtMs = T0,
            ArrivesAtMs = T0 + 4 * 3_600_000,
        };

        await writer.WriteAsync([trip]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync(
            $"SELECT * FROM `{store.Database}`.rail_trips FINAL " +
            "WHERE train = {train:String} AND service_date = {date:Date}",
            new QueryParameters().Add("train", "G1234").Add("date", DateOnly.Parse(TestEvents.ServiceDate)));
        Assert.Equal(1, rows.Count);
        Assert.Equal(trip.PersonKey, rows.Get<string>(0, "person_key"));
        Assert.Equal(5, rows.Get<int>(0, "carriage"));
        Assert.Equal("05F", rows.Get<string>(0, "seat"));
        Assert.Equal("Wuhan", rows.Get<string>(0, "from_station"));
        Assert.Equal("Beijing Xi", rows.Get<string>(0, "to_station"));
        Assert.Equal(trip.ArrivesAtMs, Ms(rows.Get<DateTime>(0, "arrives_at")));
    }

    [Fact]
    public async Task WriteAsync_FlightTrip_RoundTripsByService()
    {
        var (store, writer) = await OpenAsync("flights");
        await using var storeScope = store;
        await using var writerScope = writer;
        var trip = new FlightTrip
        {
            RecordId = TestEvents.RecordId("flight"),
            PersonKey = TestEvents.Key("flyer"),
            Flight = "CA1501",
            ServiceDate = TestEvents.ServiceDate,
            Seat = "32A",
            SeatRow = 32,
            SeatLetter = "A",
            From = "PEK",
            To = "SHA",
            DepartsAtMs = T0,
            ArrivesAtMs = T0 + 7_200_000,
        };

        await writer.WriteAsync([trip]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync($"SELECT * FROM `{store.Database}`.flight_trips FINAL");
        Assert.Equal(1, rows.Count);
        Assert.Equal("CA1501", rows.Get<string>(0, "flight"));
        Assert.Equal(DateOnly.Parse(TestEvents.ServiceDate), rows.Get<DateOnly>(0, "service_date"));
        Assert.Equal(32, rows.Get<int>(0, "seat_row"));
        Assert.Equal("A", rows.Get<string>(0, "seat_letter"));
        Assert.Equal("PEK", rows.Get<string>(0, "from_airport"));
        Assert.Equal("SHA", rows.Get<string>(0, "to_airport"));
        Assert.Equal(T0, Ms(rows.Get<DateTime>(0, "departs_at")));
    }

    [Fact]
    public async Task WriteAsync_CaseReports_RoundTripWithStatusNames()
    {
        var (store, writer) = await OpenAsync("cases");
        await using var storeScope = store;
        await using var writerScope = writer;
        var person = TestEvents.Key("case");
        var reports = new[] { CaseStatus.Suspected, CaseStatus.Confirmed, CaseStatus.Cleared }
            .Select((status, i) => new CaseReport
            {
                RecordId = TestEvents.RecordId("case:" + i),
                PersonKey = person,
                Status = status,
                ReportedAtMs = T0 + i * 86_400_000L,
            })
            .ToList();

        await writer.WriteAsync(reports);
        await writer.FlushAsync();

        var statuses = await store.QueryTextAsync(
            $"SELECT status FROM `{store.Database}`.case_reports FINAL " +
            "WHERE person_key = {p:String} ORDER BY reported_at",
            "TSV",
            new QueryParameters().Add("p", person));
        Assert.Equal("suspected\nconfirmed\ncleared\n", statuses);
    }

    [Fact]
    public async Task WriteAsync_CaseLocation_RoundTripsWithVenue()
    {
        var (store, writer) = await OpenAsync("locations");
        await using var storeScope = store;
        await using var writerScope = writer;
        var location = new CaseLocation
        {
            RecordId = TestEvents.RecordId("location"),
            CasePersonKey = TestEvents.Key("case"),
            Lat = 30.5928,
            Lon = 114.3055,
            RadiusM = 150,
            FromMs = T0,
            ToMs = T0 + 5_400_000,
            Venue = "Huanan market",
        };

        await writer.WriteAsync([location]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync($"SELECT * FROM `{store.Database}`.case_locations FINAL");
        Assert.Equal(1, rows.Count);
        Assert.Equal(location.CasePersonKey, rows.Get<string>(0, "case_person_key"));
        Assert.Equal(30.5928, rows.Get<double>(0, "lat"));
        Assert.Equal(150.0, rows.Get<double>(0, "radius_m"));
        Assert.Equal(location.ToMs, Ms(rows.Get<DateTime>(0, "to_at")));
        Assert.Equal("Huanan market", rows.Get<string>(0, "venue"));
    }

    [Fact]
    public async Task WriteAsync_Declarations_RoundTripSymptomLists()
    {
        var (store, writer) = await OpenAsync("declarations");
        await using var storeScope = store;
        await using var writerScope = writer;
        var person = TestEvents.Key("declarer");
        var normal = new Declaration
        {
            RecordId = TestEvents.RecordId("d1"), PersonKey = person, DeclaredAtMs = T0, TemperatureC = 36.6,
        };
        var abnormal = new Declaration
        {
            RecordId = TestEvents.RecordId("d2"),
            PersonKey = person,
            DeclaredAtMs = T0 + 3_600_000,
            TemperatureC = 38.1,
            Symptoms = { "cough", "fever" },
        };

        await writer.WriteAsync([abnormal, normal]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync(
            $"SELECT temperature_c, symptoms FROM `{store.Database}`.declarations FINAL ORDER BY declared_at");
        Assert.Equal(2, rows.Count);
        Assert.Equal(36.6, rows.Get<double>(0, "temperature_c"));
        Assert.Empty(rows.Get<object?[]>(0, "symptoms"));
        Assert.Equal(new object?[] { "cough", "fever" }, rows.Get<object?[]>(1, "symptoms"));
    }

    [Fact]
    public async Task WriteAsync_SameBatchTwice_CountsOnce()
    {
        var (store, writer) = await OpenAsync("replay");
        await using var storeScope = store;
        await using var writerScope = writer;
        var pings = TestEvents.Pings(0, 500);

        await writer.WriteAsync(pings);
        await writer.FlushAsync();
        await writer.WriteAsync(pings);
        await writer.FlushAsync();

        var counter = new TableCounter(store);
        Assert.Equal(500, await counter.CountRowsAsync(StorageTables.Pings));
        Assert.Equal(500, await counter.CountRowsAsync(StorageTables.PingsBySubscriber));
        Assert.Equal(1000UL, await store.QueryScalarAsync<ulong>($"SELECT count() FROM `{store.Database}`.pings"));
    }

    [Fact]
    public async Task WriteAsync_DuplicatesWithinOneBatch_CountOnce()
    {
        var (store, writer) = await OpenAsync("induplicate");
        await using var storeScope = store;
        await using var writerScope = writer;
        var pings = TestEvents.Pings(0, 100);

        await writer.WriteAsync([.. pings, .. pings, .. pings.Take(10)]);
        await writer.FlushAsync();

        Assert.Equal(100, await new TableCounter(store).CountRowsAsync(StorageTables.Pings));
    }

    [Fact]
    public async Task WriteAsync_OverlappingBatches_CountEachRecordOnce()
    {
        var (store, writer) = await OpenAsync("overlap");
        await using var storeScope = store;
        await using var writerScope = writer;

        await writer.WriteAsync(TestEvents.Pings(0, 300));
        await writer.FlushAsync();
        await writer.WriteAsync(TestEvents.Pings(200, 300));
        await writer.WriteAsync(TestEvents.Pings(450, 100));
        await writer.FlushAsync();

        var counts = await new TableCounter(store).CountAllAsync();
        Assert.Equal(550, counts[StorageTables.Pings]);
        Assert.Equal(550, counts[StorageTables.PingsBySubscriber]);
        Assert.Equal(0, counts[StorageTables.Declarations]);
        Assert.Equal(StorageTables.All.Order(), counts.Rows.Keys.Order());
    }

    [Fact]
    public async Task WriteAsync_200kPings_InsertsEveryRowInBatches()
    {
        var settings = fixture.NewSettings("large") with { BatchSize = 100_000 };
        var (store, writer) = await OpenAsync("large", settings);
        await using var storeScope = store;
        await using var writerScope = writer;
        var pings = TestEvents.Pings(0, 200_000, subscribers: 20_000);

        await writer.WriteAsync(pings);
        await writer.FlushAsync();

        var counter = new TableCounter(store);
        Assert.Equal(200_000, await counter.CountRowsAsync(StorageTables.Pings));
        Assert.Equal(200_000, await counter.CountRowsAsync(StorageTables.PingsBySubscriber));
        Assert.Equal(0, writer.Pending);
    }

    [Fact]
    public async Task WriteAsync_FullBatch_InsertsWithoutAnExplicitFlush()
    {
        var settings = fixture.NewSettings("fullbatch") with
        {
            BatchSize = 100, FlushInterval = TimeSpan.FromHours(1),
        };
        var (store, writer) = await OpenAsync("fullbatch", settings);
        await using var storeScope = store;
        await using var writerScope = writer;

        await writer.WriteAsync(TestEvents.Pings(0, 150));

        Assert.Equal(50, writer.Pending);
        Assert.Equal(100, await new TableCounter(store).CountRowsAsync(StorageTables.Pings));
    }

    [Fact]
    public async Task FlushInterval_Elapsed_InsertsBufferedRows()
    {
        var settings = fixture.NewSettings("timed") with { FlushInterval = TimeSpan.FromMilliseconds(50) };
        var (store, writer) = await OpenAsync("timed", settings);
        await using var storeScope = store;
        await using var writerScope = writer;
        var counter = new TableCounter(store);

        await writer.WriteAsync(TestEvents.Pings(0, 10));

        // Polls for the timer's flush with a generous bound: the test checks that it happens, not how fast.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await counter.CountRowsAsync(StorageTables.PingsBySubscriber) < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(10, await counter.CountRowsAsync(StorageTables.PingsBySubscriber));
    }

    [Fact]
    public async Task WriteAsync_RecordIdNot16Bytes_RejectsBatchBeforeBuffering()
    {
        var (store, writer) = await OpenAsync("invalid");
        await using var storeScope = store;
        await using var writerScope = writer;
        var pings = TestEvents.Pings(0, 3);
        pings[1].RecordId = Google.Protobuf.ByteString.CopyFrom(1, 2, 3);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(pings));

        Assert.Contains("record_id has 3 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Pending);
    }

    [Fact]
    public async Task WriteAsync_BadServiceDate_RejectsBatchNamingTheField()
    {
        var (store, writer) = await OpenAsync("baddate");
        await using var storeScope = store;
        await using var writerScope = writer;
        var trip = new RailTrip { RecordId = TestEvents.RecordId("r"), Train = "D1", ServiceDate = "12/01/2026" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync([trip]));

        Assert.Contains("service_date '12/01/2026'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_BufferedRows_FlushesThem()
    {
        var settings = fixture.NewSettings("dispose") with { FlushInterval = TimeSpan.FromHours(1) };
        await using var store = await fixture.NewStoreAsync("dispose", settings);
        var writer = new EventWriter(store, settings, NullLogger.Instance);

        await writer.WriteAsync(TestEvents.Pings(0, 20));
        await writer.DisposeAsync();

        Assert.Equal(20, await new TableCounter(store).CountRowsAsync(StorageTables.Pings));
    }

    [Fact]
    public async Task WriteAsync_CodeChange_RoundTripsEvidenceArraysAndValidUntil()
    {
        var (store, writer) = await OpenAsync("code_change");
        await using var storeScope = store;
        await using var writerScope = writer;
        var yellow = new CodeChange
        {
            PersonKey = TestEvents.Key("person"),
            Sequence = 1,
            OldColour = CodeColour.Green,
            NewColour = CodeColour.Yellow,
            ChangedAtMs = T0,
            ValidUntilMs = T0 + 86_400_000,
            RuleSetVersion = "rules-1",
            DecidedAtMs = T0 + 5,
        };
        yellow.Evidence.Add(new CodeEvidence
        {
            Rule = "companion", CaseRef = "case-1", Place = "cell 1:2", FromMs = T0 - 600_000, ToMs = T0,
            RecordIds = { "0a", "0b" },
        });
        yellow.Evidence.Add(new CodeEvidence
        {
            Rule = "abnormal_declaration", Place = "declaration", FromMs = T0, ToMs = T0,
            RecordIds = { "0c" },
        });
        var green = new CodeChange
        {
            PersonKey = yellow.PersonKey,
            Sequence = 2,
            OldColour = CodeColour.Yellow,
            NewColour = CodeColour.Green,
            ChangedAtMs = T0 + 86_400_000,
            AwaitingDeclaration = true,
            RuleSetVersion = "rules-1",
            DecidedAtMs = T0 + 86_400_005,
        };

        await writer.WriteAsync([yellow, green]);
        await writer.FlushAsync();

        var rows = await store.QueryRowsAsync(
            $"SELECT * FROM `{store.Database}`.code_changes FINAL ORDER BY sequence");
        Assert.Equal(2, rows.Count);
        Assert.Equal("green", rows.Get<string>(0, "old_colour"));
        Assert.Equal("yellow", rows.Get<string>(0, "new_colour"));
        Assert.Equal(T0, Ms(rows.Get<DateTime>(0, "changed_at")));
        Assert.Equal(T0 + 86_400_000, Ms(rows.Get<DateTime>(0, "valid_until")));
        Assert.Null(rows.Rows[1][rows.Ordinal("valid_until")]);
        Assert.False(rows.Get<bool>(0, "awaiting_declaration"));
        Assert.True(rows.Get<bool>(1, "awaiting_declaration"));
        Assert.Equal(["companion", "abnormal_declaration"], rows.Get<object?[]>(0, "evidence_rule"));
        Assert.Equal(["case-1", ""], rows.Get<object?[]>(0, "evidence_case_ref"));
        Assert.Equal(["cell 1:2", "declaration"], rows.Get<object?[]>(0, "evidence_place"));
        Assert.Equal(
            [T0 - 600_000, T0], rows.Get<object?[]>(0, "evidence_from").Select(t => Ms((DateTime)t!)));
        Assert.Equal([T0, T0], rows.Get<object?[]>(0, "evidence_to").Select(t => Ms((DateTime)t!)));
        Assert.Equal(["0a,0b", "0c"], rows.Get<object?[]>(0, "evidence_record_ids"));
        Assert.Empty(rows.Get<object?[]>(1, "evidence_rule"));
        Assert.Equal("rules-1", rows.Get<string>(1, "rule_set_version"));
        Assert.Equal(T0 + 86_400_005, Ms(rows.Get<DateTime>(1, "decided_at")));
    }

    private async Task<(IAnalyticsStore Store, EventWriter Writer)> OpenAsync(
        string purpose, StorageSettings? settings = null)
    {
        var chosen = settings ?? fixture.NewSettings(purpose) with { FlushInterval = TimeSpan.FromHours(1) };
        var store = await fixture.NewStoreAsync(purpose, chosen);
        return (store, new EventWriter(store, chosen, NullLogger.Instance));
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeMilliseconds();
}
