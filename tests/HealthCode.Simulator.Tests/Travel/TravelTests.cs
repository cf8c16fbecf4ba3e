using System.Text.Json;
using System.Text.RegularExpressions;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Travel;

[Collection(SimulationCollection.Name)]
public sealed partial class TravelTests
{
    private readonly SimulationFixture _fixture;

    public TravelTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(FeedNames.Rail, "train")]
    [InlineData(FeedNames.Flights, "flight")]
    public void Manifests_Passengers_ShareServices(string feed, string serviceField)
    {
        var byService = _fixture.Valid(feed)
            .GroupBy(r => (r.GetProperty(serviceField).GetString(), r.GetProperty("service_date").GetString()))
            .ToList();

        Assert.NotEmpty(byService);
        Assert.Contains(byService, g => g.Count() >= 3);
        Assert.True(byService.Sum(g => g.Count()) > byService.Count * 1.5, "passengers mostly travel alone");
    }

    [Fact]
    public void Rail_Carriages_SharedByFellowPassengers()
    {
        var sharedCarriages = _fixture.Valid(FeedNames.Rail)
            .GroupBy(r => (r.GetProperty("train").GetString(), r.GetProperty("service_date").GetString(),
                r.GetProperty("carriage").GetInt32()))
            .Count(g => g.Count() > 1);

        Assert.True(sharedCarriages > 0);
    }

    [Theory]
    [InlineData(FeedNames.Rail, "train")]
    [InlineData(FeedNames.Flights, "flight")]
    public void Manifests_Seats_UniquePerService(string feed, string serviceField)
    {
        var seats = _fixture.Valid(feed).Select(r => (
            r.GetProperty(serviceField).GetString(), r.GetProperty("service_date").GetString(),
            r.TryGetProperty("carriage", out var carriage) ? carriage.GetInt32() : 0,
            r.GetProperty("seat").GetString()));

        Assert.Equal(seats.Count(), seats.Distinct().Count());
    }

    [Fact]
    public void Manifests_Seats_UseTheBriefsFormats()
    {
        Assert.All(_fixture.Valid(FeedNames.Rail), r =>
        {
            Assert.Matches(RailSeat(), r.GetProperty("seat").GetString()!);
            Assert.InRange(r.GetProperty("carriage").GetInt32(), 1, 16);
            Assert.Matches(TrainNumber(), r.GetProperty("train").GetString()!);
        });
        Assert.All(_fixture.Valid(FeedNames.Flights), r =>
        {
            Assert.Matches(FlightNumber(), r.GetProperty("flight").GetString()!);
            Assert.Matches(Iata(), r.GetProperty("from").GetString()!);
            Assert.Matches(Iata(), r.GetProperty("to").GetString()!);
        });
    }

    [Theory]
    [InlineData(FeedNames.Rail, "ride")]
    [InlineData(FeedNames.Flights, "flight")]
    public void Manifests_EveryJourney_MatchesTheTravellersTruePath(string feed, string kind)
    {
        Assert.All(_fixture.Valid(feed), r =>
        {
            var path = _fixture.Paths[r.GetProperty("id_number").GetString()!];
            var departs = Iso.Parse(r.GetProperty("departs_at").GetString()!).ToUnixTimeSeconds();
            var arrives = Iso.Parse(r.GetProperty("arrives_at").GetString()!).ToUnixTimeSeconds();

            Assert.Equal(kind, path.At(departs)?.Kind);
            Assert.Equal(kind, path.At(arrives - 1)?.Kind);
            Assert.NotEqual(kind, path.At(arrives)?.Kind);
        });
    }

    [Fact]
    public void Flights_Seats_PutSomePassengersWithinThreeRows()
    {
        var near = _fixture.Valid(FeedNames.Flights)
            .GroupBy(r => (r.GetProperty("flight").GetString(), r.GetProperty("service_date").GetString()))
            .SelectMany(g => Pairs(g.Select(Row).ToList()))
            .Count(pair => Math.Abs(pair.A - pair.B) <= 3);

        Assert.True(near > 0);
    }

    private static int Row(JsonElement r) => int.Parse(r.GetProperty("seat").GetString()![..^1],
        System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<(int A, int B)> Pairs(List<int> rows) =>
        rows.SelectMany((a, i) => rows.Skip(i + 1).Select(b => (a, b)));

    [GeneratedRegex("^[0-9]{2}[ABCDF]$")]
    private static partial Regex RailSeat();

    [GeneratedRegex("^[GD][0-9]{2,4}$")]
    private static partial Regex TrainNumber();

    [GeneratedRegex("^[A-Z0-9]{2}[0-9]{3,4}$")]
    private static partial Regex FlightNumber();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iata();
}
