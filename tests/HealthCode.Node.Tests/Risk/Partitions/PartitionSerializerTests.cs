using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Node.Tests.Risk.Partitions;

/// <summary>Every partition message through the serializer an actor system picks for it, and back.</summary>
public sealed class PartitionSerializerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Utc = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly DateTimeOffset Beijing = new(2026, 3, 14, 17, 26, 53, 589, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Kolkata = new(2026, 3, 15, 1, 2, 3, new TimeSpan(5, 30, 0));
    private static readonly DateTimeOffset Newfoundland = new(2026, 3, 13, 23, 59, 59, new TimeSpan(-3, -30, 0));

    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        var config = ConfigurationFactory.ParseString(PartitionSerializer.Hocon)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.actor.provider = local
                akka.loglevel = WARNING
                akka.stdout-loglevel = WARNING
                """));
        _system = ActorSystem.Create("t", config);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    public static TheoryData<object> FlatMessages() => new()
    {
        new ResetPartition(3, 8, "gen-1"),
        new PartitionReady(3, "gen-1"),
        new RecordsAdded(7),
        new HandedOver(2, 12_345),
        new StepPartition(0, "gen-é-2"),
        new ReadPartition(5, WithPairs: true),
        new ReadPartition(5, WithPairs: false),
        new PartitionLost(4, "generation gen-0, not gen-1"),
    };

    [Theory]
    [MemberData(nameof(FlatMessages))]
    public void ToBinary_FlatMessage_RoundTripsEqual(object message)
    {
        Assert.Equal(message, Deserialized(message));
    }

    [Fact]
    public void ToBinary_AddRecordsOfEveryKind_RoundTripsEqual()
    {
        var records = EveryKind();

        var back = RoundTrip(new AddRecords(6, "gen-3", records));

        Assert.Equal((6, "gen-3"), (back.Partition, back.Generation));
        AssertSame(records, back.Records);
    }

    [Fact]
    public void ToBinary_AddRecordsEmpty_RoundTripsEmpty()
    {
        var back = RoundTrip(new AddRecords(0, "gen-3", new PartitionRecords()));

        Assert.Equal(0, back.Records.Count);
    }

    [Fact]
    public void ToBinary_PingIdWithHighBitsSet_KeepsEveryBit()
    {
        var records = new PartitionRecords();
        records.Pings.Add(new RoutedPing("sim-a", UInt128.MaxValue, long.MinValue, long.MaxValue));
        records.Pings.Add(new RoutedPing("sim-a", new UInt128(0x8000_0000_0000_0001, 0xFFFF_0000_FFFF_0000), 1, -1));
        records.Pings.Add(new RoutedPing("sim-b", UInt128.Zero, 0, 0));

        var back = RoundTrip(new AddRecords(1, "g", records));

        Assert.Equal(records.Pings, back.Records.Pings);
    }

    [Fact]
    public void ToBinary_TimesWithOffsets_KeepTicksAndOffsets()
    {
        var records = new PartitionRecords();
        foreach (var time in new[] { Utc, Beijing, Kolkata, Newfoundland, DateTimeOffset.MinValue })
        {
            records.Reports.Add(new CaseReport("r", "p", CaseStatus.Suspected, time));
        }

        var back = RoundTrip(new AddRecords(1, "g", records));

        // DateTimeOffset's equality ignores the offset, so the offsets are compared on their own.
        Assert.Equal(records.Reports.Select(r => Stamp(r.ReportedAt)),
            back.Records.Reports.Select(r => Stamp(r.ReportedAt)));
    }

    [Fact]
    public void ToBinary_TwentyThousandPingsOfFewSims_RoundTripsEqualAndCompact()
    {
        var records = new PartitionRecords();
        for (var i = 0; i < 20_000; i++)
        {
            var sim = Convert.ToHexStringLower(BitConverter.GetBytes((long)(i % 500))).PadLeft(32, '0');
            var id = new UInt128((ulong)i << 40, (ulong)i);
            records.Pings.Add(new RoutedPing(sim, id, 1_700_000_000_000 + i, i * 7L));
        }

        var message = new AddRecords(2, "gen-4", records);
        var bytes = _system.Serialization.FindSerializerFor(message).ToBinary(message);
        var back = RoundTrip(message);

        Assert.Equal(records.Pings, back.Records.Pings);

        // A ping's fixed fields take 32 bytes; a repeated SIM key must not be written again.
        Assert.InRange(bytes.Length, 20_000 * 32, (20_000 * 35) + (500 * 34));
    }

    [Fact]
    public void ToBinary_HandOverWithTargets_RoundTripsEqual()
    {
        var sims = new Dictionary<string, int[]> { ["sim-a"] = [1, 2], ["sim-b"] = [], ["sim-c"] = [-1] };
        var travellers = new Dictionary<string, int[]> { ["person-x"] = [0, 3, 7] };
        var message = new HandOver(4, "gen-5", sims, travellers, ["sim-a", "sim-c"]);

        var back = RoundTrip(message);

        Assert.Equal((4, "gen-5"), (back.Partition, back.Generation));
        AssertSame(sims, back.Sims);
        AssertSame(travellers, back.Travellers);
        Assert.Equal(message.Forget, back.Forget);
    }

    [Fact]
    public void ToBinary_HandOverEmpty_RoundTripsEmpty()
    {
        var message = new HandOver(4, "gen-5", new Dictionary<string, int[]>(), new Dictionary<string, int[]>(), []);

        var back = RoundTrip(message);

        Assert.Equal((4, "gen-5"), (back.Partition, back.Generation));
        Assert.Empty(back.Sims);
        Assert.Empty(back.Travellers);
        Assert.Empty(back.Forget);
    }

    [Fact]
    public void ToBinary_PartitionSteppedWithContacts_RoundTripsEqual()
    {
        ContactCount[] contacts = [new(Rule.Case, 3), new(Rule.Companion, 41), new(Rule.AbnormalDeclaration, 0)];
        var message = new PartitionStepped(1, 44, 0.125, 0.5, 1.5e-3, contacts);

        var back = RoundTrip(message);

        Assert.Equal((1, 44, 0.125, 0.5, 1.5e-3),
            (back.Partition, back.Updates, back.StepSeconds, back.CodesSeconds, back.ApplySeconds));
        Assert.Equal(contacts, back.Contacts!);
    }

    [Fact]
    public void ToBinary_PartitionSteppedWithoutContacts_KeepsThemNull()
    {
        var back = RoundTrip(new PartitionStepped(1, 0, 0.5, 0, 0, null));

        Assert.Null(back.Contacts);
    }

    [Fact]
    public void ToBinary_PartitionSteppedWithNoContactsOfAnyRule_KeepsThemEmptyNotNull()
    {
        var back = RoundTrip(new PartitionStepped(1, 0, 0.5, 0, 0, []));

        Assert.NotNull(back.Contacts);
        Assert.Empty(back.Contacts);
    }

    [Fact]
    public void ToBinary_PartitionFiguresWithPairs_RoundTripsEqual()
    {
        ContactCount[] contacts = [new(Rule.FlightCloseContact, 2), new(Rule.RailCloseContact, 1)];
        ContactPair[] pairs =
        [
            new(Rule.FlightCloseContact, "person-1", "case-1"),
            new(Rule.FlightCloseContact, "person-2", "case-1"),
            new(Rule.RailCloseContact, "person-1", "case-2"),
        ];

        var back = RoundTrip(new PartitionFigures(9, 1_234_567_890_123, contacts, pairs));

        Assert.Equal((9, 1_234_567_890_123L), (back.Partition, back.Pings));
        Assert.Equal(contacts, back.Contacts);
        Assert.Equal(pairs, back.Pairs);
    }

    [Fact]
    public void ToBinary_PartitionFiguresWithoutPairs_RoundTripsEmpty()
    {
        var back = RoundTrip(new PartitionFigures(9, 0, [], []));

        Assert.Empty(back.Contacts);
        Assert.Empty(back.Pairs);
    }

    [Fact]
    public void Identifier_FromTheConfiguration_IsTheFixedOne()
    {
        var serializer = _system.Serialization.FindSerializerFor(new RecordsAdded(1));

        Assert.IsType<PartitionSerializer>(serializer);
        Assert.Equal(4711, serializer.Identifier);
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationException()
    {
        var serializer = Serializer();

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([0, 0, 0, 0], "nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBinary_UnknownType_ThrowsArgumentException()
    {
        var serializer = Serializer();

        Assert.Throws<ArgumentException>(() => serializer.ToBinary("not a partition message"));
        Assert.Throws<ArgumentException>(() => serializer.Manifest(new ContactPair(Rule.Case, "p", "c")));
    }

    [Fact]
    public void FromBinary_TruncatedAddRecords_ThrowsSerializationException()
    {
        var serializer = Serializer();
        var message = new AddRecords(6, "gen-3", EveryKind());
        var bytes = serializer.ToBinary(message);

        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^1], serializer.Manifest(message)));
    }

    [Fact]
    public void FromBinary_BytesLeftOver_ThrowsSerializationException()
    {
        var serializer = Serializer();
        var message = new PartitionReady(3, "gen-1");
        byte[] bytes = [.. serializer.ToBinary(message), 0];

        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, serializer.Manifest(message)));
    }

    private static PartitionRecords EveryKind()
    {
        var records = new PartitionRecords();
        records.Pings.Add(new RoutedPing("sim-a", new UInt128(0xDEAD_BEEF_0000_0001, 42), 1_773_480_413_000, 77));
        records.Pings.Add(new RoutedPing("sim-b", 7, 1_773_480_414_000, -5));
        records.Pings.Add(new RoutedPing("sim-a", 8, 1_773_480_415_000, 77));
        records.Registrations.Add(new SubscriberRegistration("reg-1", "sim-a", "person-1", Beijing));
        records.Registrations.Add(new SubscriberRegistration("reg-2", "sim-b", "person-2", Utc));
        records.Reports.Add(new CaseReport("case-1", "person-1", CaseStatus.Confirmed, Kolkata));
        records.Reports.Add(new CaseReport("case-2", "person-2", CaseStatus.Cleared, Newfoundland));
        records.Locations.Add(new CaseLocation("loc-1", "person-1", 39.9042, 116.4074, 150.5, Beijing,
            Beijing.AddHours(2), "Wangfujing 书店"));
        records.Locations.Add(new CaseLocation("loc-2", "person-1", -33.8688, 151.2093, 0, Utc, Utc.AddMinutes(5)));
        records.Flights.Add(new FlightTrip("fl-1", "person-1", "CA1234", "2026-03-14", 31, Beijing,
            Beijing.AddHours(3).ToOffset(TimeSpan.FromHours(-5))));
        records.Rails.Add(new RailTrip("rl-1", "person-2", "G101", "2026-03-14", 8, Kolkata, Kolkata.AddHours(4)));
        records.Declarations.Add(new Declaration("dc-1", "person-1", Beijing, 38.25, ["cough", "fever", "发热"]));
        records.Declarations.Add(new Declaration("dc-2", "person-2", Newfoundland, 36.6, []));
        return records;
    }

    // Records compare their lists by reference and DateTimeOffset ignores the offset, so both are compared here.
    private static void AssertSame(PartitionRecords expected, PartitionRecords actual)
    {
        Assert.Equal(expected.Pings, actual.Pings);

        Assert.Equal(expected.Registrations, actual.Registrations);
        Assert.Equal(expected.Registrations.Select(r => Stamp(r.RegisteredAt)),
            actual.Registrations.Select(r => Stamp(r.RegisteredAt)));

        Assert.Equal(expected.Reports, actual.Reports);
        Assert.Equal(expected.Reports.Select(r => Stamp(r.ReportedAt)),
            actual.Reports.Select(r => Stamp(r.ReportedAt)));

        Assert.Equal(expected.Locations, actual.Locations);
        Assert.Equal(expected.Locations.Select(l => (Stamp(l.From), Stamp(l.To))),
            actual.Locations.Select(l => (Stamp(l.From), Stamp(l.To))));
        Assert.Null(actual.Locations[1].Venue);

        Assert.Equal(expected.Flights, actual.Flights);
        Assert.Equal(expected.Flights.Select(t => (Stamp(t.DepartsAt), Stamp(t.ArrivesAt))),
            actual.Flights.Select(t => (Stamp(t.DepartsAt), Stamp(t.ArrivesAt))));

        Assert.Equal(expected.Rails, actual.Rails);
        Assert.Equal(expected.Rails.Select(t => (Stamp(t.DepartsAt), Stamp(t.ArrivesAt))),
            actual.Rails.Select(t => (Stamp(t.DepartsAt), Stamp(t.ArrivesAt))));

        Assert.Equal(expected.Declarations.Count, actual.Declarations.Count);
        for (var i = 0; i < expected.Declarations.Count; i++)
        {
            var (e, a) = (expected.Declarations[i], actual.Declarations[i]);
            Assert.Equal((e.RecordId, e.PersonKey, Stamp(e.DeclaredAt), e.TemperatureC),
                (a.RecordId, a.PersonKey, Stamp(a.DeclaredAt), a.TemperatureC));
            Assert.Equal(e.Symptoms, a.Symptoms);
        }
    }

    private static void AssertSame(
        IReadOnlyDictionary<string, int[]> expected, IReadOnlyDictionary<string, int[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, partitions) in expected)
        {
            Assert.Equal(partitions, actual[key]);
        }
    }

    private static (long UtcTicks, TimeSpan Offset) Stamp(DateTimeOffset time) => (time.UtcTicks, time.Offset);

    private PartitionSerializer Serializer() =>
        Assert.IsType<PartitionSerializer>(_system.Serialization.FindSerializerFor(new RecordsAdded(0)));

    private T RoundTrip<T>(T message)
        where T : notnull => Assert.IsType<T>(Deserialized(message));

    // Through the actor system both ways, as Akka.Remote does: the bindings pick the serializer, its id finds it back.
    private object Deserialized(object message)
    {
        var serializer = Assert.IsType<PartitionSerializer>(_system.Serialization.FindSerializerFor(message));
        var bytes = serializer.ToBinary(message);
        var manifest = serializer.Manifest(message);

        return _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }
}
